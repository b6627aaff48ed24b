import { signIn } from './support/sign-in';
import { ADA, CALLBACK, tenantBrowser } from './support/tenant-visits';
import { type TenantsStack, startTenantsStack } from './support/tenants-stack';

/**
 * Client authentication is each tenant's own: Acme's development org registers it with a key
 * (made at start-up, as no key file is given) and requires PAR; Globex keeps its secret.
 */
describe('Client authentication per tenant', () => {
  let stack: TenantsStack;

  beforeAll(async () => {
    stack = await startTenantsStack({
      tenants: {
        acme: { clientAuthentication: 'private_key_jwt', pushedAuthorizationRequests: true },
        globex: {},
      },
    });
  });
  afterAll(() => stack?.close());

  it('signs Acme in with private_key_jwt and PAR', async () => {
    const browser = tenantBrowser();
    const start = await browser.request(stack.at('acme', '/login'));
    const authorize = new URL(start.location!);
    expect([...authorize.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    const landed = await signIn(
      browser,
      stack.at('acme', '/profile'),
      ADA,
      stack.at('acme', CALLBACK),
    );
    expect(landed.status).toBe(200);
    expect(landed.body).toContain(ADA.username);
  });

  it('keeps the authorize URL whole for Globex, which sends its secret', async () => {
    const start = await tenantBrowser().request(stack.at('globex', '/login'));
    const authorize = new URL(start.location!);
    expect(authorize.searchParams.get('code_challenge')).toEqual(expect.any(String));
    expect(authorize.searchParams.has('request_uri')).toBe(false);
  });
});
