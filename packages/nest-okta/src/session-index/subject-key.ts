import { createHash } from 'node:crypto';

/**
 * A user as Okta's Universal Logout names one (RFC 9493 subject identifiers): by email address,
 * or by the issuer and subject of the ID tokens the app received.
 */
export type UserSubject =
  { format: 'email'; email: string } | { format: 'iss_sub'; iss: string; sub: string };

/**
 * The index key for a subject. Hashed, so the index (a Redis key name, say) holds no email
 * address and has a bounded length; emails compare case-insensitively and issuers without a
 * trailing slash, as people and Okta write them both ways.
 */
export function subjectKey(subject: UserSubject): string {
  const name =
    subject.format === 'email'
      ? subject.email.trim().toLowerCase()
      : JSON.stringify([subject.iss.replace(/\/+$/, ''), subject.sub]);
  return `${subject.format}:${createHash('sha256').update(name).digest('base64url')}`;
}
