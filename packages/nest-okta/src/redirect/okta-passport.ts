import type passport from 'passport';
import type { OidcClient } from '../oidc/oidc-client';
import type { AuthSettings } from '../options/auth-settings';
import type { SessionIndex } from '../session-index/session-index';
import type { SignInTransactions } from '../sign-in/sign-in-transactions';
import { createAuthPassport, OKTA_STRATEGY } from '../user/auth-passport';
import { OktaStrategy } from './okta.strategy';

/**
 * The Passport one org signs in with, a single-org module's or one tenant's: the module's own
 * instance, its users indexed and stamped with `tenant`, and the Okta strategy on that org.
 */
export function oktaPassport(
  settings: AuthSettings,
  oidc: OidcClient,
  transactions: SignInTransactions,
  sessionIndex: SessionIndex,
  tenant?: string,
): passport.Authenticator {
  const authenticator = createAuthPassport(settings.groupsClaim, sessionIndex, tenant);
  authenticator.use(OKTA_STRATEGY, new OktaStrategy(settings, oidc, transactions));
  return authenticator;
}
