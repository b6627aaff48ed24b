import { type HttpException, HttpStatus } from '@nestjs/common';
import {
  IdentityProviderResponseError,
  IdentityProviderUnavailableError,
  IdTokenValidationError,
  TokenEndpointError,
} from '../oidc/oidc.errors';
import { SignInException } from './auth.exceptions';

/** Every error the identity provider's side can raise; the module's filter catches these. */
export const PROVIDER_ERRORS = [
  IdentityProviderUnavailableError,
  IdentityProviderResponseError,
  TokenEndpointError,
  IdTokenValidationError,
];

/**
 * The one mapping from the identity provider's failures to HTTP: an outage is 503, a response
 * that breaks the protocol 502, a refused grant or a token that fails its checks a 4xx during
 * sign-in (the user signs in again). Anything else is not the provider's and is left alone.
 */
export function providerFailureToHttp(
  error: unknown,
  during: 'sign-in' | 'request',
): HttpException | undefined {
  const options = { cause: error };
  if (error instanceof IdentityProviderUnavailableError) {
    return new SignInException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'Sign-in is unavailable',
      'The identity provider cannot be reached right now. Please try again in a moment.',
      options,
    );
  }
  // The provider refused the app's own credentials (a key it does not know, say): no sign-in can
  // succeed until the configuration is fixed, so the user is not told to try again.
  if (error instanceof TokenEndpointError && error.error === 'invalid_client') {
    return new SignInException(
      HttpStatus.BAD_GATEWAY,
      'Sign-in is misconfigured',
      'The identity provider did not accept the credentials of this app. Please tell the administrators of this site.',
      options,
    );
  }
  if (error instanceof TokenEndpointError && during === 'sign-in') {
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
  if (error instanceof IdentityProviderResponseError || error instanceof TokenEndpointError) {
    return new SignInException(
      HttpStatus.BAD_GATEWAY,
      'Identity provider error',
      'The identity provider sent a response we could not use. Please try again later.',
      options,
    );
  }
  return undefined;
}
