import { HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { UserSubject } from '../session-index/subject-key';
import { describeSubject, sendFailure } from './revocation-answers';
import {
  EmailSubjectsUnavailableError,
  MalformedRevocationRequestError,
  RevocationIncompleteError,
} from './revocation-errors';
import type { RevocationGate } from './revocation-gate';
import type { RevocationOrg } from './revocation-org';
import { revocationSubject } from './revocation-subject';
import type { SessionsEnded } from './user-session-revoker';

export type { RevocationOrg, RevocationOrgFor, RevocationSessions } from './revocation-org';

const logger = new Logger('UniversalLogout');

/**
 * Okta's Universal Logout: the Global Token Revocation endpoint. Okta POSTs the user to sign out
 * (`{"subject": …}`) with a bearer JWT from the org authorization server; every session of that
 * user ends and their refresh tokens are revoked. The gate proves the request comes from the org
 * before its body is read (see `RevocationGate`), so nothing about a request, not even whether
 * its body parses, is judged before that. Okta reads only the status: 204 signed out (also when
 * there was nothing to end), 400 malformed, 401 not from the org, 422 not (fully) signed out or
 * a user named by an email the org's sessions do not record, 429 and 503 try again later.
 */
export async function globalTokenRevocation(
  req: Request,
  res: Response,
  gate: RevocationGate,
): Promise<void> {
  const org = await gate.orgOf(req, res);
  if (!org) return;
  let subject: UserSubject | undefined;
  try {
    subject = subjectOf(req);
    if (subject.format === 'email' && !org.authenticator.emailSubjects) {
      throw new EmailSubjectsUnavailableError(
        'the sessions record no email (the scopes lack "email"); only iss_sub can name a user',
      );
    }
    const ended = await endSessions(req, org, subject);
    const outcome = `${ended.sessions} session(s) ended, ${ended.refreshTokensRevoked} refresh token(s) revoked`;
    if (ended.revocationFailures > 0) {
      throw new RevocationIncompleteError(`${outcome}, ${ended.revocationFailures} not`);
    }
    logger.log(`Universal Logout (${describeSubject(subject)}${at(org)}): ${outcome}: 204`);
    res.status(HttpStatus.NO_CONTENT).end();
  } catch (error) {
    sendFailure(req, res, error, subject);
  }
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
