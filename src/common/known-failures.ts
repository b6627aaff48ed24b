import { BadGatewayException, ServiceUnavailableException } from '@nestjs/common';
import {
  IdentityProviderResponseError,
  IdentityProviderUnavailableError,
} from '../oidc/oidc.errors';
import {
  isSessionStoreFailure,
  SessionStoreUnavailableException,
} from '../session/session-store-unavailable';

/**
 * Failures of the app's dependencies are not bugs: each gets its own status and words, so a
 * Redis or Okta outage reads as one (503, 502) instead of a generic 500.
 */
export function fromKnownFailure(exception: unknown): unknown {
  if (isSessionStoreFailure(exception)) return new SessionStoreUnavailableException(exception);
  if (exception instanceof IdentityProviderUnavailableError) {
    return new ServiceUnavailableException(
      'The identity provider cannot be reached right now. Please try again in a moment.',
      { cause: exception },
    );
  }
  if (exception instanceof IdentityProviderResponseError) {
    return new BadGatewayException(
      'The identity provider sent a response we could not use. Please try again later.',
      { cause: exception },
    );
  }
  return exception;
}
