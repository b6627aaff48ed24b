import { HttpStatus } from '@nestjs/common';
import type { UserSubject } from '../session-index/subject-key';
import {
  MalformedRevocationRequestError,
  OrgKeysUnavailableError,
  RevocationIncompleteError,
  RevocationUnauthorizedError,
  SessionStoreFailureError,
} from './revocation-errors';

export interface FailureAnswer {
  status: number;
  /** OAuth-style, for people reading a trace; Okta reads only the status. */
  body: { error: string; error_description: string };
}

type ErrorClass = new (...args: never[]) => Error;

/** The status Okta's contract names for each way a request can fail. */
const ANSWERS: [ErrorClass, number, string, string][] = [
  [
    RevocationUnauthorizedError,
    HttpStatus.UNAUTHORIZED,
    'invalid_token',
    'The request is not authenticated by the Okta org.',
  ],
  [
    MalformedRevocationRequestError,
    HttpStatus.BAD_REQUEST,
    'invalid_request',
    'The body must be JSON naming a subject in the email or iss_sub format.',
  ],
  [
    SessionStoreFailureError,
    HttpStatus.UNPROCESSABLE_ENTITY,
    'logout_failed',
    'The user could not be signed out: the session store is unavailable.',
  ],
  [
    RevocationIncompleteError,
    HttpStatus.UNPROCESSABLE_ENTITY,
    'revocation_incomplete',
    'The sessions ended, but not every refresh token could be revoked.',
  ],
  [
    OrgKeysUnavailableError,
    HttpStatus.SERVICE_UNAVAILABLE,
    'temporarily_unavailable',
    "The Okta org's signing keys cannot be fetched right now.",
  ],
];

/** How to answer `error`, if it is one of the endpoint's own failures; others are not ours. */
export function failureAnswer(error: unknown): FailureAnswer | undefined {
  const known = ANSWERS.find(([type]) => error instanceof type);
  if (!known) return undefined;
  const [, status, code, description] = known;
  return { status, body: { error: code, error_description: description } };
}

/**
 * The user as logs name them: the format, and the email masked to its first character and domain
 * (enough to tell users apart in an incident, not to harvest addresses), or the Okta user id.
 */
export function describeSubject(subject: UserSubject): string {
  if (subject.format === 'iss_sub') return `iss_sub ${subject.sub}`;
  const [local, domain] = subject.email.trim().split('@');
  return `${subject.format} ${local.slice(0, 1)}…@${domain}`;
}
