import { Browser } from './browser';
import { loopbackFetch } from './loopback-fetch';
import type { TenantsStack } from './tenants-stack';

/** Demo users of the development orgs `acme` and `globex` (okta-dev-idp's users/users.{tenant}.json). */
export const ADA = { username: 'ada@acme.example', password: 'Ada-Acme-1' };
export const GUS = { username: 'gus@globex.example', password: 'Gus-Globex-1' };
export const CALLBACK = '/authorization-code/callback';

/** A browser that reaches tenants' `localhost` and `*.localhost` addresses. */
export const tenantBrowser = () => new Browser('text/html', loopbackFetch);

/** Who the tenant's API says is signed in, by the visitor's session. */
export async function whoAmI(visitor: Browser, stack: TenantsStack, tenant: string) {
  const page = await visitor.request(stack.at(tenant, '/api/me'), { accept: 'application/json' });
  const email =
    page.status === 200 ? (JSON.parse(page.body) as { email: string }).email : undefined;
  return { status: page.status, email };
}

/** The tenant's /login sends the browser to its own org, with its client and redirect URI. */
export async function expectSignInAtOwnOrg(
  stack: TenantsStack,
  tenant: string,
  redirectUri: string,
): Promise<void> {
  const login = await tenantBrowser().request(stack.at(tenant, '/login'));
  expect(login.status).toBe(302);
  const authorize = new URL(login.location!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${stack.issuerOf(tenant)}/v1/authorize`);
  expect(authorize.searchParams.get('client_id')).toBe(`nest-okta-${tenant}`);
  expect(authorize.searchParams.get('redirect_uri')).toBe(redirectUri);
}

/** A tenant id nobody configured is answered with 404, as JSON or as a page, and goes nowhere. */
export async function expectUnknownTenant(stack: TenantsStack, tenant: string): Promise<void> {
  const json = await tenantBrowser().request(stack.at(tenant, '/'), {
    accept: 'application/json',
  });
  expect(json.status).toBe(404);
  expect(JSON.parse(json.body)).toMatchObject({ statusCode: 404, error: 'Unknown tenant' });
  const page = await tenantBrowser().request(stack.at(tenant, '/login'));
  expect(page.status).toBe(404);
  expect(page.body).toContain('There is no organisation at this address');
  expect(page.location).toBeUndefined();
}
