/*
 * Why a Universal Logout request was not carried out. Each maps to the status Okta's contract
 * names; the message is for the log only (Okta reads nothing but the status).
 */

/** The request is not authenticated as coming from the Okta org: 401, nothing is revoked. */
export class RevocationUnauthorizedError extends Error {
  override name = 'RevocationUnauthorizedError';
}

/** The org's keys cannot be fetched, so no request can be checked right now: 503. */
export class OrgKeysUnavailableError extends Error {
  override name = 'OrgKeysUnavailableError';
}

/** The body does not name a user in a format this endpoint knows: 400. */
export class MalformedRevocationRequestError extends Error {
  override name = 'MalformedRevocationRequestError';
}

/** The session store (or the index beside it) failed or did not answer in time: 422. */
export class SessionStoreFailureError extends Error {
  override name = 'SessionStoreFailureError';
}

/** The sessions ended, but the provider could not be asked to revoke every refresh token: 422. */
export class RevocationIncompleteError extends Error {
  override name = 'RevocationIncompleteError';
}

/**
 * The user is named by email, but the org's sessions record none (no app of it asks for the
 * `email` scope), so they cannot be found: 422, rather than a 204 that would say they were.
 */
export class EmailSubjectsUnavailableError extends Error {
  override name = 'EmailSubjectsUnavailableError';
}
