import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import {
  IdentityProviderUnavailableError,
  IdTokenValidationError,
  TokenEndpointError,
} from '../oidc/oidc.errors';
import {
  isSessionStoreFailure,
  SessionStoreUnavailableException,
} from '../session/session-store-unavailable';
import { SignInException } from './sign-in.exceptions';
import { UNKNOWN_STATE } from './transaction-state.store';

const logger = new Logger('SignIn');

/**
 * The exception for a failed sign-in, with its reason logged (never shown): both sign-in models
 * end every failure here.
 */
export function failedSignIn(err: unknown, info: unknown): HttpException {
  const exception = toSignInException(err, info);
  const cause = exception.cause instanceof Error ? exception.cause : undefined;
  logger.warn(`Sign-in failed (${exception.getStatus()}): ${cause?.message ?? exception.message}`);
  return exception;
}

/**
 * Turns whatever a sign-in attempt failed with (our errors, passport-openidconnect's, a refused
 * grant) into one user-facing exception; the original stays attached as `cause` for the log.
 */
export function toSignInException(err: unknown, info: unknown): HttpException {
  if (err) return classify(unwrapLibraryError(err));
  if (isMessage(info) && info.message === UNKNOWN_STATE) {
    return new SignInException(
      HttpStatus.BAD_REQUEST,
      'Sign-in link expired',
      'This sign-in attempt has expired or was already used. Please sign in again.',
    );
  }
  return new SignInException(
    HttpStatus.UNAUTHORIZED,
    'Sign-in could not be verified',
    'We could not verify your sign-in. Please sign in again.',
    { cause: new Error(isMessage(info) ? info.message : 'authentication failed') },
  );
}

function classify(error: unknown): HttpException {
  if (error instanceof HttpException) return error;
  if (isSessionStoreFailure(error)) return new SessionStoreUnavailableException(error);
  const options = { cause: error };
  if (error instanceof IdentityProviderUnavailableError) {
    return new SignInException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'Sign-in is unavailable',
      'The identity provider cannot be reached right now. Please try again in a moment.',
      options,
    );
  }
  if (error instanceof TokenEndpointError) {
    return new SignInException(
      HttpStatus.BAD_REQUEST,
      'Sign-in could not be completed',
      'The identity provider did not accept this sign-in. Please sign in again.',
      options,
    );
  }
  if (error instanceof IdTokenValidationError) {
    return new SignInException(
      HttpStatus.UNAUTHORIZED,
      'Sign-in could not be verified',
      'We could not verify your sign-in. Please sign in again.',
      options,
    );
  }
  return new SignInException(
    HttpStatus.BAD_GATEWAY,
    'Identity provider error',
    'The identity provider sent a response we could not use. Please try again later.',
    options,
  );
}

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
