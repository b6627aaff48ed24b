import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { rawRequest } from './support/raw-request';

/**
 * DNS rebinding: a site whose name an attacker points at 127.0.0.1 must not reach the
 * development provider's routes (the mailbox holds one-time codes; Universal Logout signs users
 * out), so the provider answers only to its own host names.
 */
describe('The development identity provider and the Host header', () => {
  let provider: RunningIdentityProvider;

  beforeAll(async () => {
    provider = await launchDevIdentityProvider({ port: 0, host: '127.0.0.1', clients: [] });
  });
  afterAll(() => provider?.stop());

  const get = (path: string, host: string) =>
    rawRequest(provider.issuer, { method: 'GET', path, headers: { host } });

  it.each(['/dev/mailbox.json', '/oauth2/default/.well-known/openid-configuration'])(
    'refuses %s for a foreign host name with 421',
    async (path) => {
      const refused = await get(path, `rebind.attacker.example:${provider.port}`);
      expect(refused.status).toBe(421);
      expect(refused.body).not.toContain('"code"');
    },
  );

  it.each(['127.0.0.1', 'localhost', 'acme.localhost'])(
    'answers when addressed as %s',
    async (name) => {
      const discovery = await get(
        '/oauth2/default/.well-known/openid-configuration',
        `${name}:${provider.port}`,
      );
      expect(discovery.status).toBe(200);
    },
  );
});
