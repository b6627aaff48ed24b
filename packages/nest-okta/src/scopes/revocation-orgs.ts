import { decodeJwt } from 'jose';
import type { RevocationOrgFor } from '../universal-logout/revocation-endpoint';
import type { ScopeRegistry } from './scope-registry';

/**
 * Which orgs' sessions a Universal Logout request is for. Every org calls the app's one
 * endpoint, so the token's issuer (each org's URL) is the only thing that tells them apart: it is
 * read unverified here, only to pick the org whose keys must then verify the token. A token
 * claiming an org the module does not sign in at picks none, and is refused. Tenants whose apps
 * live in the same org are all that org's: the org's users are the same people at each of them.
 */
export function revocationOrgs(registry: ScopeRegistry): RevocationOrgFor {
  const tenantsByOrg = new Map<string, (string | undefined)[]>();
  for (const [tenant, { universalLogout }] of registry.orgs.byTenant) {
    if (!universalLogout) continue;
    const { orgIssuer } = universalLogout;
    tenantsByOrg.set(orgIssuer, [...(tenantsByOrg.get(orgIssuer) ?? []), tenant]);
  }
  return (token) => {
    const orgIssuer = unverifiedIssuer(token);
    const tenants = orgIssuer === undefined ? undefined : tenantsByOrg.get(orgIssuer);
    if (!orgIssuer || !tenants) return undefined;
    const revocations = tenants.map((tenant) => registry.scopeOf(tenant)!.revocation!);
    return {
      orgIssuer,
      authenticator: revocations[0].authenticator,
      sessions: revocations.map(({ sessions }) => sessions),
    };
  };
}

function unverifiedIssuer(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}
