import { reportUnreadable } from '../session/stored-values';

/** Far longer than any session id express-session or a `genid` makes; a longer one is not one. */
const MAX_SESSION_ID_LENGTH = 256;

/**
 * The session ids an index store answered for `key`, as the module can use them: the store is
 * the app's, so an answer that is not a list is no ids, and an entry in it that is not a
 * session id is left out, logged once for the key. Every id is kept however many there are: a
 * user who signed in thousands of times must still be signed out of each.
 */
export function storedSessionIds(answer: unknown, key: string): string[] {
  const ids = Array.isArray(answer) ? (answer as unknown[]).filter(isSessionId) : [];
  if (!Array.isArray(answer) || ids.length < answer.length) {
    reportUnreadable(key, 'a session index entry');
  }
  return ids;
}

function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_SESSION_ID_LENGTH;
}
