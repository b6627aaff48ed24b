import type { AuthSettings } from './auth-settings';

/**
 * Okta's request names a user of the whole org, so whether an email can find their sessions is
 * the org's answer: with tenants at one org (an authorization server each), it can when any of
 * them records emails. Each tenant's `universalLogout.emailSubjects` says it for its org.
 */
export function emailSubjectsPerOrg(
  byId: ReadonlyMap<string, AuthSettings>,
): Map<string, AuthSettings> {
  const recording = new Set(
    [...byId.values()].flatMap(({ universalLogout }) =>
      universalLogout && universalLogout.emailSubjects ? [universalLogout.orgIssuer] : [],
    ),
  );
  return new Map(
    [...byId].map(([id, settings]) => {
      const { universalLogout } = settings;
      if (!universalLogout || !recording.has(universalLogout.orgIssuer)) return [id, settings];
      return [id, { ...settings, universalLogout: { ...universalLogout, emailSubjects: true } }];
    }),
  );
}

/**
 * What to say at start-up about each org whose sessions record no email: Okta's requests naming
 * a user by email will be refused there (422), which an admin wants to learn before Okta does.
 */
export function emailSubjectWarnings(
  byTenant: ReadonlyMap<string | undefined, AuthSettings>,
): string[] {
  const tenantsByOrg = new Map<string, string[]>();
  for (const [tenant, { universalLogout }] of byTenant) {
    if (!universalLogout || universalLogout.emailSubjects) continue;
    const tenants = tenantsByOrg.get(universalLogout.orgIssuer) ?? [];
    tenantsByOrg.set(
      universalLogout.orgIssuer,
      tenant === undefined ? tenants : [...tenants, tenant],
    );
  }
  return [...tenantsByOrg].map(([orgIssuer, tenants]) => {
    const whose = tenants.length > 0 ? `the scopes of ${tenants.join(', ')}` : 'the scopes';
    return `Universal Logout by email cannot end any session for ${orgIssuer}: ${whose} lack "email", so sessions record no email address. Okta's requests naming a user by email will be answered 422; add "email" to the scopes, or have Okta name users by iss_sub.`;
  });
}
