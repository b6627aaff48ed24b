import { Logger } from '@nestjs/common';
import type { OidcClient } from '../oidc/oidc-client';
import type { AuthSettings } from '../options/auth-settings';

const logger = new Logger('SignIn');

/** Whether every sign-in of the org must push its authorization request. */
export function requiresPar({ pushedAuthorizationRequests, signInMode }: AuthSettings): boolean {
  return pushedAuthorizationRequests === true && signInMode === 'redirect';
}

/**
 * Warns at start-up of an org whose sign-ins will all answer 503: PAR required, and a discovery
 * document that advertises no PAR endpoint. It asks the org's own OidcClient, so a discovery
 * that succeeds is the one the first sign-in uses; one that fails is not kept (the client tries
 * again at the first sign-in), so a provider that cannot be reached yet stops nothing and is no
 * reason to say anything: the sign-in itself reports that.
 */
export async function warnOfMissingPar(tenant: string | undefined, oidc: OidcClient) {
  const metadata = await oidc.metadata().catch(() => undefined);
  if (!metadata || metadata.pushed_authorization_request_endpoint !== undefined) return;
  const whose = tenant === undefined ? '' : ` for tenant "${tenant}"`;
  logger.warn(
    `pushedAuthorizationRequests is true${whose}, but ${oidc.issuer} advertises no pushed_authorization_request_endpoint: every sign-in will answer 503. Set it to "auto" (PAR where offered) or false, or use an authorization server that offers PAR.`,
  );
}
