import { HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInException } from '../errors/auth.exceptions';
import { unmetRequirements } from '../errors/sign-in-refusals';
import type { SessionExtras } from '../options/after-sign-in';
import type { AuthSettings } from '../options/auth-settings';
import { returnToWithinTenant } from '../request/tenant-return-to';
import { AuthSetupError } from '../session/require-session';
import type { TokenVault } from '../tokens/token-vault';
import { meetsRequirement } from '../user/authentication-requirement';
import { userOf, type VerifiedSignIn } from '../user/okta-user';
import { logIn } from '../user/passport-session';
import { sessionExtrasProblem } from '../user/session-user';
import type { SignInTransaction } from './sign-in-transactions';

/**
 * The end of every sign-in, in both models, once the tokens are verified: the sign-in must be
 * what its transaction asked for (the step-up's user, its `acr_values` and `max_age`), then the
 * app's `afterSignIn` has its say, and only then is the session written and the user sent back.
 * Any refusal leaves the session as it was: a step-up refused keeps the earlier sign-in.
 */
export class SignInCompletion {
  constructor(
    private readonly settings: Pick<AuthSettings, 'afterSignIn'>,
    private readonly vault: TokenVault,
  ) {}

  async complete(
    req: Request,
    res: Response,
    signIn: VerifiedSignIn,
    transaction: SignInTransaction,
  ): Promise<void> {
    refuseWhatWasNotAskedFor(signIn, transaction);
    const extras = await this.afterSignIn(req, signIn);
    await logIn(req, extras === undefined ? signIn : { ...signIn, extras }, this.vault);
    res.redirect(returnToWithinTenant(req, transaction.returnTo));
  }

  private async afterSignIn(
    req: Request,
    signIn: VerifiedSignIn,
  ): Promise<SessionExtras | undefined> {
    const hook = this.settings.afterSignIn;
    if (!hook) return undefined;
    const outcome = await hook({ user: userOf(signIn), idTokenClaims: signIn.idTokenClaims, req });
    if (!outcome) return undefined;
    if ('refuse' in outcome) {
      throw new SignInException(
        HttpStatus.FORBIDDEN,
        'Sign-in refused',
        typeof outcome.refuse === 'string' && outcome.refuse.trim() !== ''
          ? outcome.refuse
          : 'This app does not let you sign in.',
        { cause: new Error('afterSignIn refused the sign-in') },
      );
    }
    const problem = sessionExtrasProblem(outcome.extras);
    if (problem) throw new AuthSetupError(`afterSignIn returned extras that ${problem}`);
    return outcome.extras;
  }
}

/**
 * A step-up must come back as the user it was for, and any sign-in that asked for an `acr` or a
 * `max_age` must have got it: a provider that ignored them would otherwise send the user round
 * the same step-up again and again.
 */
function refuseWhatWasNotAskedFor(signIn: VerifiedSignIn, { request }: SignInTransaction): void {
  if (request.stepUpOf !== undefined && signIn.sub !== request.stepUpOf) {
    throw new SignInException(
      HttpStatus.FORBIDDEN,
      'Signed in as someone else',
      'You verified yourself as another user than the one signed in here. Your session is unchanged; to switch users, sign out first.',
      { cause: new Error("a step-up came back with another user's sub") },
    );
  }
  const requirement = { acr: request.acrValues, maxAgeSeconds: request.maxAge };
  if (!meetsRequirement(signIn, requirement)) {
    throw unmetRequirements(
      new Error('the ID token does not meet the acr_values or max_age asked'),
    );
  }
}
