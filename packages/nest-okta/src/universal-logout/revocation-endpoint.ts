import { HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { UserSubject } from '../session-index/subject-key';
import { describeSubject, type FailureAnswer, failureAnswer } from './revocation-answers';
import {
  MalformedRevocationRequestError,
  RevocationIncompleteError,
  RevocationUnauthorizedError,
} from './revocation-errors';
import type { RevocationRateLimit } from './revocation-rate-limit';
import type { RevocationRequestAuthenticator } from './revocation-request-authenticator';
import { revocationSubject } from './revocation-subject';
import type { SessionsEnded, UserSessionRevoker } from './user-session-revoker';

/** Sessions signed in through one issuer, and what ends them: the module's, or a tenant's. */
export interface RevocationSessions {
  /** The issuer of the ID tokens these sessions were signed in with. */
  issuer: string;
  revoker: UserSessionRevoker;
  /** Whose sessions they are, for the log, when the module serves tenants. */
  tenant?: string;
}

/** An Okta org the endpoint trusts: how its requests are proven, and whose sessions they end. */
export interface RevocationOrg {
  /** The `iss` of its requests. */
  orgIssuer: string;
  authenticator: RevocationRequestAuthenticator;
  sessions: RevocationSessions[];
}

/**
 * The org a bearer token claims to come from, or `undefined` when it names none the endpoint
 * trusts. Only a pointer to the keys to check it with: nothing is acted on until the org's
 * authenticator has verified the token.
 */
export type RevocationOrgFor = (token: string) => RevocationOrg | undefined;

const logger = new Logger('UniversalLogout');

/**
 * Okta's Universal Logout: the Global Token Revocation endpoint. Okta POSTs the user to sign out
 * (`{"subject": …}`) with a bearer JWT from the org authorization server; every session of that
 * user ends and their refresh tokens are revoked. Authentication is checked first, so nothing
 * about a request (not even whether its body makes sense) is acted on before it is proven to come
 * from the org. Okta reads only the status: 204 signed out (also when there was nothing to end),
 * 400 malformed, 401 not from the org, 422 not (fully) signed out, 429 and 503 try again later.
 */
export async function globalTokenRevocation(
  req: Request,
  res: Response,
  rateLimit: RevocationRateLimit,
  orgFor: RevocationOrgFor,
): Promise<void> {
  const retryAfter = await rateLimit.retryAfter(req);
  if (retryAfter !== undefined) {
    res.setHeader('Retry-After', String(retryAfter));
    const body = { error: 'slow_down', error_description: 'Too many requests.' };
    answer(res, { status: HttpStatus.TOO_MANY_REQUESTS, body }, 'Universal Logout: rate limit');
    return;
  }
  let subject: UserSubject | undefined;
  try {
    const token = bearerToken(req.get('authorization'));
    const org = orgFor(token);
    if (!org) throw new RevocationUnauthorizedError('the token names no org this endpoint trusts');
    await org.authenticator.authenticate(token);
    subject = subjectOf(req);
    const ended = await endSessions(req, org, subject);
    const outcome = `${ended.sessions} session(s) ended, ${ended.refreshTokensRevoked} refresh token(s) revoked`;
    if (ended.revocationFailures > 0) {
      throw new RevocationIncompleteError(`${outcome}, ${ended.revocationFailures} not`);
    }
    logger.log(`Universal Logout (${describeSubject(subject)}${at(org)}): ${outcome}: 204`);
    res.status(HttpStatus.NO_CONTENT).end();
  } catch (error) {
    const failure = failureAnswer(error);
    if (!failure) throw error;
    if (failure.status === 401) {
      // RFC 6750: an error code only when credentials were sent.
      const sent = req.get('authorization') !== undefined;
      res.setHeader('WWW-Authenticate', sent ? 'Bearer error="invalid_token"' : 'Bearer');
    }
    const who = subject ? ` (${describeSubject(subject)})` : '';
    const reason = (error as Error).message;
    answer(res, failure, `Universal Logout${who} not done: ${reason}`);
  }
}

function bearerToken(authorization: string | undefined): string {
  const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new RevocationUnauthorizedError('no bearer token');
  return token;
}

/** The user the JSON body names. */
function subjectOf(req: Request): UserSubject {
  if (!req.is('application/json')) {
    throw new MalformedRevocationRequestError('the body is not application/json');
  }
  return revocationSubject(req.body);
}

/** Ends the user's sessions everywhere the org's sign-ins went (one tenant, or several). */
async function endSessions(
  req: Request,
  org: RevocationOrg,
  subject: UserSubject,
): Promise<SessionsEnded> {
  const each = await Promise.all(
    org.sessions.map(({ issuer, revoker }) =>
      revoker.endSessionsOf(subjectAt(subject, org.orgIssuer, issuer), req.sessionStore),
    ),
  );
  return {
    sessions: sum(each, 'sessions'),
    refreshTokensRevoked: sum(each, 'refreshTokensRevoked'),
    revocationFailures: sum(each, 'revocationFailures'),
  };
}

/**
 * Okta user ids are the same under the org authorization server and its custom ones, so a
 * subject named by the org's issuer is the user the sessions' ID tokens (from `issuer`) named.
 */
function subjectAt(subject: UserSubject, orgIssuer: string, issuer: string): UserSubject {
  if (subject.format === 'iss_sub' && subject.iss.replace(/\/+$/, '') === orgIssuer) {
    return { ...subject, iss: issuer };
  }
  return subject;
}

function sum(all: SessionsEnded[], key: keyof SessionsEnded): number {
  return all.reduce((total, ended) => total + ended[key], 0);
}

/** With tenants, the log says whose sessions were ended. */
function at(org: RevocationOrg): string {
  const tenants = org.sessions.flatMap(({ tenant }) => (tenant === undefined ? [] : [tenant]));
  return tenants.length > 0 ? ` at ${tenants.join(', ')}` : '';
}

function answer(res: Response, { status, body }: FailureAnswer, logLine: string): void {
  logger.warn(`${logLine}: ${status}`);
  res.status(status).json(body);
}
