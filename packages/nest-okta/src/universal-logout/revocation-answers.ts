import { HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { UserSubject } from '../session-index/subject-key';
import {
  EmailSubjectsUnavailableError,
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
    EmailSubjectsUnavailableError,
    HttpStatus.UNPROCESSABLE_ENTITY,
    'unsupported_subject',
    'This app cannot find users by email: name the user by iss_sub.',
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

const logger = new Logger('UniversalLogout');

/** How to answer `error`, if it is one of the endpoint's own failures; others are not ours. */
export function failureAnswer(error: unknown): FailureAnswer | undefined {
  const known = ANSWERS.find(([type]) => error instanceof type);
  if (!known) return undefined;
  const [, status, code, description] = known;
  return { status, body: { error: code, error_description: description } };
}

/**
 * Answers one of the endpoint's own failures with its status and fixed body, and logs why in
 * one line (naming the user when the request got that far); rethrows any other error.
 */
export function sendFailure(
  req: Request,
  res: Response,
  error: unknown,
  subject?: UserSubject,
): void {
  const failure = failureAnswer(error);
  if (!failure) throw error;
  if (failure.status === 401) {
    // RFC 6750: an error code only when credentials were sent.
    const sent = req.get('authorization') !== undefined;
    res.setHeader('WWW-Authenticate', sent ? 'Bearer error="invalid_token"' : 'Bearer');
  }
  const who = subject ? ` (${describeSubject(subject)})` : '';
  send(res, failure, `Universal Logout${who} not done: ${(error as Error).message}`);
}

/** Over the endpoint's rate limit: 429, with when to try again. */
export function sendSlowDown(res: Response, retryAfterSeconds: number): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  const body = { error: 'slow_down', error_description: 'Too many requests.' };
  send(res, { status: HttpStatus.TOO_MANY_REQUESTS, body }, 'Universal Logout: rate limit');
}

function send(res: Response, { status, body }: FailureAnswer, logLine: string): void {
  logger.warn(`${logLine}: ${status}`);
  res.status(status).json(body);
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
