import { HttpStatus } from '@nestjs/common';
import { SignInException } from '../errors/auth.exceptions';

/**
 * RFC 9207: an authorization response may name its issuer in `iss`. A response naming another
 * issuer was meant for another provider (a mix-up attack) and is refused; one naming none is
 * refused only when the provider says its authorization responses always name it. (The
 * widget's interaction-code redirect is not such a response: there `iss` is checked if sent.)
 */
export function checkResponseIssuer(
  iss: unknown,
  issuer: string,
  required: boolean,
): SignInException | undefined {
  if (iss === undefined && !required) return undefined;
  if (iss === issuer) return undefined;
  return new SignInException(
    HttpStatus.BAD_REQUEST,
    'Sign-in could not be verified',
    'This sign-in response did not come from the expected identity provider. Please sign in again.',
    {
      cause: new Error(
        iss === undefined
          ? 'authorization response lacks iss'
          : 'authorization response iss names another issuer',
      ),
    },
  );
}
