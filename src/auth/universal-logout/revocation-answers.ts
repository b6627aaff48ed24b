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

/** The status Okta's contract names for each way a request can fail; others are not ours. */
export function failureAnswer(error: unknown): FailureAnswer | undefined {
  if (error instanceof RevocationUnauthorizedError) {
    return answer(
      HttpStatus.UNAUTHORIZED,
      'invalid_token',
      'The request is not authenticated by the Okta org.',
    );
  }
  if (error instanceof MalformedRevocationRequestError) {
    return answer(
      HttpStatus.BAD_REQUEST,
      'invalid_request',
      'The body must be JSON naming a subject in the email or iss_sub format.',
    );
  }
  if (error instanceof SessionStoreFailureError) {
    return answer(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'logout_failed',
      'The user could not be signed out: the session store is unavailable.',
    );
  }
  if (error instanceof RevocationIncompleteError) {
    return answer(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'revocation_incomplete',
      'The sessions ended, but not every refresh token could be revoked.',
    );
  }
  if (error instanceof OrgKeysUnavailableError) {
    return answer(
      HttpStatus.SERVICE_UNAVAILABLE,
      'temporarily_unavailable',
      "The Okta org's signing keys cannot be fetched right now.",
    );
  }
  return undefined;
}

function answer(status: number, error: string, description: string): FailureAnswer {
  return { status, body: { error, error_description: description } };
}

/**
 * The user as logs name them: the format, and the email masked to its first character and domain
 * (enough to tell users apart in an incident, not to harvest addresses), or the Okta user id.
 */
export function describeSubject(subject: UserSubject): string {
  if (subject.format === 'iss_sub') return `iss_sub ${subject.sub}`;
  const [local, domain] = subject.email.trim().split('@');
  return `email ${local.slice(0, 1)}…@${domain}`;
}
