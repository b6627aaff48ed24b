import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { IdentityProviderResponseError } from '../oidc/oidc.errors';
import { SignInException } from './auth.exceptions';
import { providerFailureToHttp } from './provider-failure';

const logger = new Logger('SignIn');

/** What the redirect model's state store reports for a `state` it has no transaction for. */
export const UNKNOWN_STATE = 'unknown_state';

/**
 * The exception for a failed sign-in, with its reason logged (never shown): both sign-in models
 * end every failure here. An error that is neither the user's nor the provider's (the session
 * store is down, say) is thrown on unchanged, for the app's own error handling.
 */
export function failedSignIn(err: unknown, info?: unknown): Error {
  const exception = err ? classify(unwrapLibraryError(err)) : fromInfo(info);
  if (exception instanceof HttpException) {
    const cause = exception.cause instanceof Error ? exception.cause : undefined;
    logger.warn(
      `Sign-in failed (${exception.getStatus()}): ${cause?.message ?? exception.message}`,
    );
  }
  return exception instanceof Error ? exception : new Error(String(exception));
}

export function expiredSignIn(): SignInException {
  return new SignInException(
    HttpStatus.BAD_REQUEST,
    'Sign-in link expired',
    'This sign-in attempt has expired or was already used. Please sign in again.',
  );
}

function fromInfo(info: unknown): HttpException {
  if (isMessage(info) && info.message === UNKNOWN_STATE) return expiredSignIn();
  return new SignInException(
    HttpStatus.UNAUTHORIZED,
    'Sign-in could not be verified',
    'We could not verify your sign-in. Please sign in again.',
    { cause: new Error('authentication failed') },
  );
}

function classify(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  const providerError = isLibraryError(error)
    ? new IdentityProviderResponseError(error.message, { cause: error })
    : error;
  return providerFailureToHttp(providerError, 'sign-in') ?? error;
}

/**
 * passport-openidconnect reports a token response it cannot use (no ID token, a claim missing)
 * with a plain `Error`, or one of its OAuth error classes: the provider's fault, not ours.
 */
function isLibraryError(error: unknown): error is Error {
  return (
    error instanceof Error && (error.constructor === Error || LIBRARY_ERRORS.includes(error.name))
  );
}

const LIBRARY_ERRORS = ['TokenError', 'AuthorizationError', 'InternalOAuthError'];

/** passport-openidconnect wraps errors from its OAuth2 client in `InternalOAuthError.oauthError`. */
function unwrapLibraryError(error: unknown): unknown {
  if (error instanceof Error && error.name === 'InternalOAuthError' && 'oauthError' in error) {
    return error.oauthError;
  }
  return error;
}

function isMessage(value: unknown): value is { message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
