import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAllCli, runCli } from '../testing/cli-process';
import { acceptsConnections, freePort } from '../testing/ports';

/**
 * The bin as a team runs it (`npx okta-dev-idp ...`): its first three stdout lines are pasted
 * into a .env and parsed by scripts, so they are checked exactly.
 */
afterEach(killAllCli);

/** The three .env lines, and the human lines after them. */
function linesOf(stdout: string) {
  const [issuer, clientId, clientSecret, ...rest] = stdout.split('\n');
  return { issuer, clientId, clientSecret, rest };
}

describe('okta-dev-idp --port 0', () => {
  it('prints the three .env lines first, with the port it got, then stops on SIGTERM', async () => {
    const run = runCli(['--port', '0']);
    const { stdout, stderr, code } = await run.settled;
    expect(code).toBeUndefined();
    expect(stderr).toBe('');
    const { issuer, clientId, clientSecret, rest } = linesOf(stdout);
    expect(issuer).toMatch(/^OKTA_ISSUER=http:\/\/127\.0\.0\.1:\d+\/oauth2\/default$/);
    expect(clientId).toBe('OKTA_CLIENT_ID=okta-dev-idp-client');
    expect(clientSecret).toBe('OKTA_CLIENT_SECRET=dev-client-secret-not-for-production');
    // What follows is for people, written as .env comments so that all of it can be pasted.
    expect(rest.filter(Boolean).every((line) => line.startsWith('# '))).toBe(true);

    const issuerUrl = issuer.slice('OKTA_ISSUER='.length);
    const port = Number(new URL(issuerUrl).port);
    expect(port).toBeGreaterThan(0);
    const discovery = await fetch(`${issuerUrl}/.well-known/openid-configuration`);
    expect(await discovery.json()).toMatchObject({
      issuer: issuerUrl,
      authorization_endpoint: `${issuerUrl}/v1/authorize`,
    });

    expect(await run.stop('SIGTERM')).toBe(0);
    expect(await acceptsConnections(port)).toBe(false);
  });

  it('stops on SIGINT (Ctrl+C) too', async () => {
    const run = runCli(['--port', '0']);
    await run.settled;
    expect(await run.stop('SIGINT')).toBe(0);
  });

  it("registers the client it was given, and trusts its redirect URI's origin", async () => {
    const app = 'http://localhost:3000';
    const run = runCli([
      '--port',
      '0',
      '--client-id',
      'my-app',
      '--client-secret',
      'my-app-secret',
      '--redirect-uri',
      `${app}/authorization-code/callback`,
    ]);
    const { issuer, clientId, clientSecret, rest } = linesOf((await run.settled).stdout);
    expect([clientId, clientSecret]).toEqual([
      'OKTA_CLIENT_ID=my-app',
      'OKTA_CLIENT_SECRET=my-app-secret',
    ]);
    expect(rest.join('\n')).toContain(`sent to ${app}/global-token-revocation`);
    const issuerUrl = issuer.slice('OKTA_ISSUER='.length);

    const authorize = new URL(`${issuerUrl}/v1/authorize`);
    authorize.search = new URLSearchParams({
      client_id: 'my-app',
      redirect_uri: `${app}/authorization-code/callback`,
      response_type: 'code',
      scope: 'openid',
      state: 'state-1234567890',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const signIn = await fetch(authorize, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toMatch(/^\/interaction\//);

    const preflight = await fetch(`${issuerUrl}/v1/token`, {
      method: 'OPTIONS',
      headers: { origin: app, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(app);
  });

  it('signs in the users of --users FILE instead of the demo users', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-dev-idp-users-'));
    try {
      const file = join(dir, 'users.json');
      const user = {
        sub: '00u9team000000000000',
        username: 'tess@team.example',
        password: 'Tess-Team-1',
        name: 'Tess Team',
        email: 'tess@team.example',
        groups: ['Everyone'],
      };
      writeFileSync(file, JSON.stringify([user]));
      const { stdout } = await runCli(['--port', '0', '--users', file]).settled;
      expect(stdout).toContain('# Demo users: tess@team.example / Tess-Team-1\n');
      expect(stdout).not.toContain('alice@example.com');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('okta-dev-idp refuses', () => {
  it.each([
    [['--prot', '8081'], "Unknown option '--prot'"],
    [['--port'], "Option '--port <value>' argument missing"],
    [['--port', 'http'], '--port must be a port number from 0 to 65535'],
    [['--redirect-uri', 'localhost:3000/cb'], '--redirect-uri must be an absolute http(s) URL'],
    [['--issuer', 'http://localhost:8081'], '--issuer must be a custom authorization server'],
    [['--trusted-origin', 'http://localhost:3000/'], '--trusted-origin: Trusted origin'],
    [['extra'], "Unexpected argument 'extra'"],
  ])('a bad command line %j with exit code 2 and the usage', async (args, message) => {
    const { stdout, stderr, code } = await runCli(['--port', '0', ...args]).settled;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: okta-dev-idp [options]');
  });

  it.each(['0.0.0.0', '192.0.2.10'])(
    'to listen on --host %s without --allow-remote, exit code 1, listening nowhere',
    async (host) => {
      const port = await freePort();
      const { stdout, stderr, code } = await runCli(['--host', host, '--port', String(port)])
        .settled;
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(`--host is "${host}", which is not a loopback address`);
      expect(stderr).toContain('example: --host 127.0.0.1');
      expect(stderr).toContain('pass --allow-remote');
      expect(await acceptsConnections(port)).toBe(false);
    },
  );

  it('a DEV_IDP_HOST that is not loopback, naming the variable', async () => {
    const { stderr, code } = await runCli(['--port', '0'], { DEV_IDP_HOST: '0.0.0.0' }).settled;
    expect(code).toBe(1);
    expect(stderr).toContain('DEV_IDP_HOST is "0.0.0.0"');
    expect(stderr).toContain('set DEV_IDP_ALLOW_REMOTE=true');
  });

  it('to run with NODE_ENV=production', async () => {
    const { stdout, stderr, code } = await runCli(['--port', '0'], { NODE_ENV: 'production' })
      .settled;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('NODE_ENV is "production"');
  });

  it('a port that is taken, naming --port', async () => {
    const first = runCli(['--port', '0']);
    const issuer = linesOf((await first.settled).stdout).issuer.slice('OKTA_ISSUER='.length);
    const port = new URL(issuer).port;
    const { stderr, code } = await runCli(['--port', port]).settled;
    expect(code).toBe(1);
    expect(stderr).toContain(`--port ${port} is taken by another program`);
  });

  it('a users file that is missing or malformed, naming --users', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okta-dev-idp-users-'));
    try {
      const missing = await runCli(['--port', '0', '--users', join(dir, 'none.json')]).settled;
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(`--users: there is no users file at ${dir}`);

      const file = join(dir, 'users.json');
      writeFileSync(file, JSON.stringify([{ sub: '00u1', username: 'x@example.com' }]));
      const malformed = await runCli(['--port', '0', '--users', file]).settled;
      expect(malformed.code).toBe(1);
      expect(malformed.stderr).toContain(`--users: ${file}: user 1 has no "password"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an org without users, naming --org and the orgs that have some', async () => {
    const { stderr, code } = await runCli(['--port', '0', '--org', 'initech']).settled;
    expect(code).toBe(1);
    expect(stderr).toContain('--org: There is no development org "initech"');
    expect(stderr).toContain('orgs with users: acme, globex');
  });
});

describe('okta-dev-idp --help', () => {
  it('prints the usage to stdout and exits 0', async () => {
    const { stdout, code } = await runCli(['--help']).settled;
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: okta-dev-idp [options]');
    expect(stdout).toContain('--redirect-uri URL');
  });
});
