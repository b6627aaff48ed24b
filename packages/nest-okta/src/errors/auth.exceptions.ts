import type { AuthenticationRequirement } from '../options/authentication-requirement';
import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';

/** What a person (or an API client) is told: a status, a short title and a sentence. */
export interface AuthProblem {
  statusCode: number;
  error: string;
  message: string;
}

/** A sign-in that failed, with words a user understands; the reason goes to the log only. */
export class SignInException extends HttpException {
  constructor(status: HttpStatus, error: string, message: string, options?: { cause?: unknown }) {
    super({ statusCode: status, error, message } satisfies AuthProblem, status, options);
  }
}

/** A protected page was asked for anonymously: browsers are sent to sign in, APIs get 401. */
export class SignInRequiredException extends UnauthorizedException {
  constructor(readonly returnTo: string) {
    super({
      statusCode: HttpStatus.UNAUTHORIZED,
      error: 'Unauthorized',
      message: 'Sign in to continue.',
    } satisfies AuthProblem);
  }
}

/**
 * A signed-in user whose sign-in is weaker or older than the route asks for: a page is signed in
 * again (a step-up), anything else gets 401 with RFC 9470's challenge.
 */
export class StepUpRequiredException extends UnauthorizedException {
  constructor(
    readonly returnTo: string,
    readonly requirement: AuthenticationRequirement,
  ) {
    super({
      statusCode: HttpStatus.UNAUTHORIZED,
      error: 'Unauthorized',
      message: 'This needs a stronger or more recent sign-in. Sign in again to continue.',
    } satisfies AuthProblem);
  }

  /**
   * RFC 9470's `WWW-Authenticate` challenge, quoted as in its examples. The values come from
   * the app's decorators, which allow no quotes or backslashes in them.
   */
  challenge(): string {
    const { acr, maxAgeSeconds } = this.requirement;
    return [
      'Bearer error="insufficient_user_authentication"',
      'error_description="A stronger or more recent authentication is required"',
      ...(acr ? [`acr_values="${acr.join(' ')}"`] : []),
      ...(maxAgeSeconds !== undefined ? [`max_age="${maxAgeSeconds}"`] : []),
    ].join(', ');
  }
}

/** A signed-in user outside every group a route asks for. */
export class GroupsRequiredException extends ForbiddenException {
  constructor(groups: string[]) {
    super({
      statusCode: HttpStatus.FORBIDDEN,
      error: 'Forbidden',
      message: `This page is only for members of the ${groups.join(' or ')} group. Ask your Okta administrator for access.`,
    } satisfies AuthProblem);
  }
}

/** The request names no configured tenant: nothing here may answer for it. */
export class UnknownTenantException extends NotFoundException {
  constructor() {
    super({
      statusCode: HttpStatus.NOT_FOUND,
      error: 'Unknown tenant',
      message: 'There is no organisation at this address. Check the link you followed.',
    } satisfies AuthProblem);
  }
}
