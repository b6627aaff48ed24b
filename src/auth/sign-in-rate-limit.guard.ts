import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Limits `/login` and the sign-in callbacks per client address (`req.ip`, which honours
 * `TRUST_PROXY`), so nobody can make the app hammer the identity provider or fill the session
 * store with sign-in transactions. Counts are kept per instance.
 */
@Injectable()
export class SignInRateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(): Promise<void> {
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too many sign-in attempts',
        message:
          'There have been too many sign-in attempts from your network. Wait a minute, then try again.',
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
