import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OidcClient } from './oidc-client';

/** A provider on loopback that answers every POST with an interaction handle, and notes where. */
async function interactServer(): Promise<{ server: Server; origin: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    req.resume();
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ interaction_handle: 'the-handle' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, paths };
}

function clientOf(issuer: string): OidcClient {
  return new OidcClient({
    issuer,
    clientId: 'the-client',
    clientCredentials: { method: 'client_secret_basic', secret: 'the-secret' },
    timeoutMs: 2_000,
  });
}

describe('OidcClient.startInteraction', () => {
  let provider: Awaited<ReturnType<typeof interactServer>>;

  beforeAll(async () => {
    provider = await interactServer();
  });

  afterAll(async () => {
    await new Promise((resolve) => provider.server.close(resolve));
  });

  it('posts to /v1/interact under the OAuth base, as okta-auth-js does, for either server', async () => {
    const { origin, paths } = provider;
    expect(await clientOf(`${origin}/oauth2/default`).startInteraction({})).toBe('the-handle');
    // The org authorization server: its issuer is the org, its endpoints are under /oauth2.
    expect(await clientOf(origin).startInteraction({})).toBe('the-handle');
    expect(paths).toEqual(['/oauth2/default/v1/interact', '/oauth2/v1/interact']);
  });
});
