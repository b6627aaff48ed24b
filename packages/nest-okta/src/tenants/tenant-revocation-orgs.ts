import { decodeJwt } from 'jose';
import type { RevocationOrgFor } from '../universal-logout/revocation-endpoint';
import type { TenantsSettings } from './resolve-tenant-settings';
import type { TenantRegistry } from './tenant-registry';

/**
 * Which tenants a Universal Logout request is for. Every tenant's Okta org calls the app's one
 * endpoint, so the token's issuer (each org's URL) is the only thing that tells them apart: it is
 * read unverified here, only to pick the org whose keys must then verify the token. A token
 * claiming an org no tenant signs in at picks none, and is refused. Tenants whose apps live in
 * the same org are all that org's: the org's users are the same people at each of them.
 */
export function tenantRevocationOrgs(
  tenants: TenantsSettings,
  registry: TenantRegistry,
): RevocationOrgFor {
  const idsByOrg = new Map<string, string[]>();
  for (const [id, { universalLogout }] of tenants.byId) {
    if (!universalLogout) continue;
    idsByOrg.set(universalLogout.orgIssuer, [
      ...(idsByOrg.get(universalLogout.orgIssuer) ?? []),
      id,
    ]);
  }
  return (token) => {
    const orgIssuer = unverifiedIssuer(token);
    const ids = orgIssuer === undefined ? undefined : idsByOrg.get(orgIssuer);
    if (!orgIssuer || !ids) return undefined;
    const revocations = ids.map((id) => registry.scopeOf(id)!.revocation!);
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
