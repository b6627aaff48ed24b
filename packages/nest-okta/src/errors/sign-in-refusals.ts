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
