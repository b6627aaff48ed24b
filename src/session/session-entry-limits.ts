/** Beyond these, a stored session is no session: nothing this app writes comes near them. */
export const MAX_SESSION_ENTRY_BYTES = 64 * 1024;
export const MAX_SESSION_DEPTH = 32;
/** The largest time a `Date` holds, in milliseconds either side of 1970. */
export const MAX_DATE_MS = 8.64e15;

/** A stored entry the app will not read: too large, too deep, or with an impossible value. */
export class UnreadableSessionEntry extends Error {}

/**
 * Whether JSON text nests deeper than `max`, found by one pass over its brackets (strings
 * skipped) before anything parses it: express-session hashes a loaded session recursively, so
 * a deep one overflows the stack inside `res.end` and the request never gets an answer.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      if (++depth > max) return true;
    } else if (char === ']' || char === '}') depth--;
  }
  return false;
}

/** The same for a value a store returns already parsed, without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
