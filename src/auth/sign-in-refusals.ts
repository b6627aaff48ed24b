import { HttpStatus } from '@nestjs/common';
import { SignInException } from './sign-in.exceptions';

/** A callback without the parameters a sign-in response must carry. Both models use it. */
export function invalidSignInResponse(): SignInException {
  return new SignInException(
    HttpStatus.BAD_REQUEST,
    'Invalid sign-in response',
    'The sign-in response is incomplete or malformed. Please sign in again.',
  );
}

/** The provider sent the browser back with `error=…` instead of a code. */
export function providerRefusal(error: unknown, description: unknown): SignInException {
  const reason = new Error(`provider returned error=${String(error)}: ${String(description)}`);
  if (error === 'access_denied') {
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
