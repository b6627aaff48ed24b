import type { TenantsConfig } from './tenants-config';

const MAX_PORT = 65535;

/**
 * Where the development identity provider's org of each tenant without an Okta org listens: on
 * the ports after DEV_IDP_PORT, in the tenants file's order, so that each org keeps its address
 * (and its issuer) from one start to the next. With DEV_IDP_PORT=0 (tests) each picks a free port.
 */
export function devOrgPorts(
  tenants: TenantsConfig,
  devIdentityProviderPort: number,
): Map<string, number> {
  const devTenants = [...tenants.tenants.values()].filter((tenant) => !tenant.oktaClient);
  return new Map(
    devTenants.map((tenant, index) => [
      tenant.id,
      devIdentityProviderPort === 0 ? 0 : devIdentityProviderPort + 1 + index,
    ]),
  );
}

/** The app and each org need a port of their own, and every port must exist. */
export function devOrgPortProblems(
  tenants: TenantsConfig,
  ports: { app: number; devIdentityProvider: number },
): string[] {
  const problems: string[] = [];
  for (const [tenant, port] of devOrgPorts(tenants, ports.devIdentityProvider)) {
    const which = `the development identity provider's org for tenant "${tenant}" (from ${tenants.file}) listens on DEV_IDP_PORT + ${port - ports.devIdentityProvider}`;
    if (port > MAX_PORT) {
      problems.push(
        `DEV_IDP_PORT: ${which}, which is past ${MAX_PORT}. Example: DEV_IDP_PORT=8081`,
      );
    } else if (port !== 0 && port === ports.app) {
      problems.push(
        `PORT and DEV_IDP_PORT: ${which}, which is PORT (${port}); each needs a port of its own. Example: DEV_IDP_PORT=${ports.app + 1}`,
      );
    }
  }
  return problems;
}
