import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { UnknownTenantException } from '../errors/auth.exceptions';
import type { AuthenticationRequirement } from '../options/authentication-requirement';
import { safeReturnTo } from '../request/return-to';
import { ScopeRegistry } from '../scopes/scope-registry';
import { isLoginHint, type SignInOptions, signInRequestOf } from '../sign-in/sign-in-request';
import { signedInUser } from '../user/signed-in-user';

/**
 * Starts sign-ins for an app's own routes (with `routes: { login: false }`, say), each with its
 * own `returnTo`, `loginHint`, `prompt`, `acrValues` and `maxAge`, kept in the server-side
 * sign-in transaction. A signed-in user who signs in again is re-authenticated: Okta must answer
 * with the same user, or the sign-in is refused and the session stays as it was.
 */
@Injectable()
export class SignInService {
  constructor(private readonly registry: ScopeRegistry) {}

  /**
   * Answers the request with the sign-in's first step: a redirect to Okta's page, or the page
   * hosting the widget (which takes `loginHint` as its username; `prompt` is the redirect
   * model's only). Options an app got wrong throw a `TypeError`.
   */
  signIn(req: Request, res: Response, options: SignInOptions = {}): Promise<void> {
    const scope = this.registry.scopeFor(req);
    if (!scope) throw new UnknownTenantException();
    const user = signedInUser(req);
    const request = signInRequestOf(
      { ...options, loginHint: options.loginHint ?? (user && loginOf(user.claims)) },
      user?.sub,
    );
    return scope.signIn.start(req, res, safeReturnTo(options.returnTo), request);
  }

  /** The step-up `@RequireAuthentication` asks for: its first `acr`, its `max_age`. */
  stepUp(
    req: Request,
    res: Response,
    returnTo: string,
    { acr, maxAgeSeconds }: AuthenticationRequirement,
  ): Promise<void> {
    return this.signIn(req, res, {
      returnTo,
      ...(acr && { acrValues: acr.slice(0, 1) }),
      ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
    });
  }
}

/** The signed-in user's login, for Okta to pre-fill: what they signed in with, as Okta names it. */
function loginOf(claims: Record<string, unknown>): string | undefined {
  for (const claim of ['preferred_username', 'email']) {
    const value = claims[claim];
    if (isLoginHint(value)) return value;
  }
  return undefined;
}
