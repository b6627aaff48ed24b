import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsConnections, freePort } from '../testing/ports';
import type { ClientRegistration, RunningIdentityProvider } from './dev-identity-provider-options';
import { launchDevIdentityProvider } from './launch-dev-identity-provider';

const CLIENT: ClientRegistration = {
  client_id: 'launcher-spec',
  client_secret: 'launcher-spec-secret',
  redirect_uris: ['http://127.0.0.1:3000/authorization-code/callback'],
};

const launched: RunningIdentityProvider[] = [];
afterEach(async () => {
  await Promise.all(launched.splice(0).map((provider) => provider.stop()));
});

async function launch(options: Partial<Parameters<typeof launchDevIdentityProvider>[0]> = {}) {
  const provider = await launchDevIdentityProvider({
    port: 0,
    host: '127.0.0.1',
    clients: [CLIENT],
    ...options,
  });
  launched.push(provider);
  return provider;
}

describe('launchDevIdentityProvider', () => {
  it('starts a provider on a free port, names its issuer, and stops it', async () => {
    const provider = await launch();
    expect(provider.issuer).toBe(`http://127.0.0.1:${provider.port}/oauth2/default`);
    const discovery = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    expect(await discovery.json()).toMatchObject({ issuer: provider.issuer });

    await provider.stop();
    expect(await acceptsConnections(provider.port)).toBe(false);
  });

  it("signs in a usersFile's users instead of the demo users", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-dev-idp-launcher-'));
    try {
      const usersFile = join(dir, 'users.json');
      writeFileSync(
        usersFile,
        JSON.stringify([
          {
            sub: '00u9team000000000000',
            username: 'tess@team.example',
            password: 'Tess-Team-1',
            name: 'Tess Team',
            email: 'tess@team.example',
            groups: ['Everyone'],
          },
        ]),
      );
      const provider = await launch({ usersFile });
      // Its Universal Logout page lists every user the provider knows.
      const page = await (
        await fetch(`${new URL(provider.issuer).origin}/dev/universal-logout`)
      ).text();
      expect(page).toContain('tess@team.example');
      expect(page).not.toContain('alice@example.com');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a non-loopback host without allowRemote, naming the option', async () => {
    await expect(launch({ host: '0.0.0.0' })).rejects.toThrow(
      /host is "0\.0\.0\.0", which is not a loopback address.*set allowRemote: true/,
    );
  });

  it('leaves nothing listening when the start fails after the port was bound', async () => {
    const port = await freePort();
    // The registration is checked once the server listens, so this fails part-way.
    await expect(
      launch({ port, clients: [{ ...CLIENT, redirect_uris: ['not a url'] }] }),
    ).rejects.toThrow(/failed to start: .*redirect_uris/);
    expect(await acceptsConnections(port)).toBe(false);
  });
});
