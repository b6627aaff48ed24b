import type { UserSubject } from '../session-index/subject-key';
import { MalformedRevocationRequestError } from './revocation-errors';

const MAX_LENGTH = 1024;

/**
 * The user a Universal Logout request names, from its JSON body:
 * `{"subject": {"format": "email", "email": …}}` or
 * `{"subject": {"format": "iss_sub", "iss": …, "sub": …}}` (RFC 9493 subject identifiers; the
 * draft's earlier revisions called the member `sub_id`, which is accepted too). Members this
 * endpoint does not use are ignored rather than refused, so a richer request still works.
 */
export function revocationSubject(body: unknown): UserSubject {
  if (!isObject(body)) throw malformed('the body is not a JSON object');
  const subject = body.subject ?? body.sub_id;
  if (!isObject(subject)) throw malformed('the body has no subject object');
  switch (subject.format) {
    case 'email':
      if (!isEmail(subject.email)) throw malformed('an email subject without a valid email');
      return { format: 'email', email: subject.email };
    case 'iss_sub':
      if (!isText(subject.iss) || !isText(subject.sub)) {
        throw malformed('an iss_sub subject without both iss and sub');
      }
      return { format: 'iss_sub', iss: subject.iss, sub: subject.sub };
    default:
      // The format is the caller's text: the log gets its type, never the text.
      throw malformed(`an unknown subject format (${typeof subject.format})`);
  }
}

function malformed(reason: string): MalformedRevocationRequestError {
  return new MalformedRevocationRequestError(reason);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_LENGTH;
}

function isEmail(value: unknown): value is string {
  return isText(value) && /^[^\s@]+@[^\s@]+$/.test(value.trim());
}
