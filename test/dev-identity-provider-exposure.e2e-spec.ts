import { readConfig } from '../src/config/read-config';
import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { resolveIdentityProvider } from '../src/dev-identity-provider/resolve-identity-provider';
import { startStandaloneDevIdp, type StandaloneStart } from './support/dev-idp-process';
import { acceptsConnections, listeningAddresses } from './support/reachability';

/**
 * The development identity provider shows its demo passwords on its sign-in page, so it must
 * never be reachable from other machines by accident, nor run in production at all.
 */
/** A documentation address (RFC 5737): a host to refuse, never one to reach. */
const otherAddress = '192.0.2.10';

const CLIENT = {
  client_id: 'exposure-test',
  client_secret: 'exposure-test-secret-long-enough',
  redirect_uris: ['http://127.0.0.1:8080/authorization-code/callback'],
  post_logout_redirect_uris: ['http://127.0.0.1:8080'],
};

describe('npm run idp (the okta-dev-idp command on its own)', () => {
  const started: StandaloneStart[] = [];
  const start = async (env: Record<string, string>) => {
    const result = await startStandaloneDevIdp(env);
    started.push(result);
    return result;
  };
  afterEach(async () => {
    for (const result of started.splice(0)) if (result.outcome === 'ready') await result.stop();
  });

  it('refuses NODE_ENV=production, naming the variable and giving an example', async () => {
    const result = await start({ NODE_ENV: 'production' });
    expect(result).toMatchObject({ outcome: 'exited', code: 1 });
    const { stderr } = result as Extract<StandaloneStart, { outcome: 'exited' }>;
    expect(stderr).toContain('NODE_ENV is "production"');
    expect(stderr).toContain('never runs in production');
    expect(stderr).toContain('Example: NODE_ENV=development');
  });

  it.each(['0.0.0.0', otherAddress])(
    'refuses DEV_IDP_HOST=%s without DEV_IDP_ALLOW_REMOTE',
    async (host) => {
      const result = await start({ NODE_ENV: 'development', DEV_IDP_HOST: host });
      expect(result).toMatchObject({ outcome: 'exited', code: 1 });
      const { stderr } = result as Extract<StandaloneStart, { outcome: 'exited' }>;
      expect(stderr).toContain(`DEV_IDP_HOST is "${host}", which is not a loopback address`);
      expect(stderr).toContain('example: DEV_IDP_HOST=127.0.0.1');
      expect(stderr).toContain('DEV_IDP_ALLOW_REMOTE=true');
    },
  );

  it('refuses a DEV_IDP_ALLOW_REMOTE that is neither true nor false', async () => {
    const result = await start({ DEV_IDP_HOST: '0.0.0.0', DEV_IDP_ALLOW_REMOTE: 'sure' });
    expect(result).toMatchObject({ outcome: 'exited', code: 1 });
    expect((result as Extract<StandaloneStart, { outcome: 'exited' }>).stderr).toContain(
      'DEV_IDP_ALLOW_REMOTE must be true or false; got "sure". Example: DEV_IDP_ALLOW_REMOTE=true',
    );
  });

  it('listens on loopback only by default', async () => {
    const result = await start({ NODE_ENV: 'development' });
    if (result.outcome !== 'ready') throw new Error(`did not start: ${result.stderr}`);
    expect(await acceptsConnections('127.0.0.1', result.port)).toBe(true);
    expect(listeningAddresses(result.port)).toEqual(['127.0.0.1']);
  });
});

describe('Forked by the app (launchDevIdentityProvider)', () => {
  const launched: RunningIdentityProvider[] = [];
  afterEach(async () => {
    for (const provider of launched.splice(0)) await provider.stop();
  });
  const launch = async (options: { host: string; allowRemote?: boolean }) => {
    const provider = await launchDevIdentityProvider({ port: 0, clients: [CLIENT], ...options });
    launched.push(provider);
    return provider;
  };

  it('refuses a non-loopback host unless allowRemote is set', async () => {
    await expect(launch({ host: '0.0.0.0' })).rejects.toThrow(
      /host is "0\.0\.0\.0", which is not a loopback address.*set allowRemote: true/,
    );
  });

  it('refuses to run in a NODE_ENV=production process', async () => {
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(launch({ host: '127.0.0.1' })).rejects.toThrow(
        /NODE_ENV is "production".*Example: NODE_ENV=development/,
      );
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
});

describe('The app with HOST=0.0.0.0 and no Okta org', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  const resolve = async (env: Record<string, string>) => {
    const resolved = await resolveIdentityProvider(
      readConfig({
        NODE_ENV: 'development',
        HOST: '0.0.0.0',
        // The app is never started here: its port is only what the configuration says.
        PORT: '9420',
        DEV_IDP_PORT: '0',
        ...env,
      }),
    );
    const provider = resolved.devIdentityProvider!;
    stop = () => provider.stop();
    return { ...resolved, provider };
  };

  it('keeps the development identity provider on 127.0.0.1 and says why at start-up', async () => {
    const { provider, config, devIdentityProviderWarning } = await resolve({});
    expect(await acceptsConnections('127.0.0.1', provider.port)).toBe(true);
    expect(listeningAddresses(provider.port)).toEqual(['127.0.0.1']);
    const discovery = await fetch(`${config.okta.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    expect(devIdentityProviderWarning).toContain('HOST=0.0.0.0 applies to the app only');
    expect(devIdentityProviderWarning).toContain('Example: DEV_IDP_ALLOW_REMOTE=true');
  });

  it('refuses a DEV_IDP_ALLOW_REMOTE that is neither true nor false', () => {
    expect(() => readConfig({ HOST: '0.0.0.0', DEV_IDP_ALLOW_REMOTE: 'sure' })).toThrow(
      /DEV_IDP_ALLOW_REMOTE: must be true or false; got "sure". Example: DEV_IDP_ALLOW_REMOTE=true/,
    );
  });
});
