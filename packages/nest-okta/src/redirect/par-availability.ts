import { Logger } from '@nestjs/common';
import { fetchJson, type JsonResponse } from '../oidc/fetch-json';
import type { AuthSettings } from '../options/auth-settings';

const logger = new Logger('SignIn');

/**
 * Warns at start-up of an org whose sign-ins will all answer 503: PAR required, and a discovery
 * document that advertises no PAR endpoint. Its own request, outside the org's OidcClient, so
 * discovery stays lazy (nothing is cached) and a provider that cannot be reached yet is no
 * reason to say anything: the sign-in itself reports that.
 */
export async function warnOfMissingPar(
  tenant: string | undefined,
  { issuer, pushedAuthorizationRequests, signInMode, providerTimeoutMs }: AuthSettings,
): Promise<void> {
  if (pushedAuthorizationRequests !== true || signInMode !== 'redirect') return;
  const discovery = `${issuer}/.well-known/openid-configuration`;
  const unreachable: JsonResponse = { status: 0, body: {} };
  const { status, body } = await fetchJson(discovery, providerTimeoutMs).catch(() => unreachable);
  if (status !== 200 || typeof body.pushed_authorization_request_endpoint === 'string') return;
  const whose = tenant === undefined ? '' : ` for tenant "${tenant}"`;
  logger.warn(
    `pushedAuthorizationRequests is true${whose}, but ${issuer} advertises no pushed_authorization_request_endpoint: every sign-in will answer 503. Set it to "auto" (PAR where offered) or false, or use an authorization server that offers PAR.`,
  );
}
