import { HttpStatus } from '@nestjs/common';
import { SignInException } from './auth.exceptions';

/** OAuth 2.0 and OpenID Connect error codes: the only part of `error=` that reaches a log. */
const KNOWN_ERROR_CODES = new Set([
  'access_denied',
  'invalid_request',
  'invalid_scope',
  'unauthorized_client',
  'unsupported_response_type',
  'server_error',
  'temporarily_unavailable',
  'interaction_required',
  'login_required',
  'consent_required',
  'account_selection_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
  'unmet_authentication_requirements',
]);

/** `prompt=none` found no sign-in it could use without the user: they must sign in themselves. */
const NEEDS_THE_USER = new Set([
  'login_required',
  'interaction_required',
  'consent_required',
  'account_selection_required',
]);

/** A callback without the parameters a sign-in response must carry. Both models use it. */
export function invalidSignInResponse(): SignInException {
  return new SignInException(
    HttpStatus.BAD_REQUEST,
    'Invalid sign-in response',
    'The sign-in response is incomplete or malformed. Please sign in again.',
  );
}

/**
 * The provider sent the browser back with `error=…` instead of a code. The query is the
 * client's to choose, so the log gets a known code or "other", never the text as sent.
 */
export function providerRefusal(error: unknown): SignInException {
  const code = typeof error === 'string' && KNOWN_ERROR_CODES.has(error) ? error : 'other';
  const reason = new Error(`provider returned error=${code}`);
  if (NEEDS_THE_USER.has(code)) {
    // A page, never a redirect: sending the browser back to sign in could loop on prompt=none.
    return new SignInException(
      HttpStatus.UNAUTHORIZED,
      'Sign-in required',
      'You are not signed in with your identity provider. Sign in to continue.',
      { cause: reason },
    );
  }
  if (code === 'unmet_authentication_requirements') {
    return unmetRequirements(reason);
  }
  if (code === 'access_denied') {
    return new SignInException(
      HttpStatus.FORBIDDEN,
      'Sign-in was denied',
      'Sign-in was cancelled, or your account is not allowed to use this app.',
      { cause: reason },
    );
  }
  return new SignInException(
    HttpStatus.BAD_REQUEST,
    'Sign-in failed',
    'The identity provider could not sign you in. Please try again.',
    { cause: reason },
  );
}

/**
 * The sign-in could not reach what was asked of it (a second factor the user does not have, a
 * sign-in older than `max_age`): said by the provider, or found in the tokens it returned.
 */
export function unmetRequirements(reason: Error): SignInException {
  return new SignInException(
    HttpStatus.FORBIDDEN,
    'Stronger sign-in required',
    'This page needs a stronger or more recent sign-in than your account could give. Your session is unchanged; ask your administrator to set up another way to verify it is you.',
    { cause: reason },
  );
}
