import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';

export interface SignInProblem {
  statusCode: number;
  error: string;
  message: string;
}

/** A sign-in that failed, with words a user understands; the reason goes to the log only. */
export class SignInException extends HttpException {
  constructor(status: HttpStatus, error: string, message: string, options?: { cause?: unknown }) {
    super({ statusCode: status, error, message } satisfies SignInProblem, status, options);
  }
}

/** A protected page was asked for anonymously: browsers are sent to sign in, APIs get 401. */
export class SignInRequiredException extends UnauthorizedException {
  constructor(readonly returnTo: string) {
    super({
      statusCode: HttpStatus.UNAUTHORIZED,
      error: 'Unauthorized',
      message: 'Sign in to continue.',
    });
  }
}
