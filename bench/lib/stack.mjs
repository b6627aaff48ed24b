import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCountingProxy } from './counting-proxy.mjs';
import { forkTracked, freePort, HOST, stopChild, waitForMessage } from './processes.mjs';

const require = createRequire(import.meta.url);
const benchDir = fileURLToPath(new URL('..', import.meta.url));

export const APP_CLIENT = {
  id: 'bench-nest-app',
  secret: 'bench-nest-app-secret-0123456789abcdef',
};
/** The two references, each a client of its own at the provider. */
const REFERENCES = {
  express: {
    script: 'express-passport-app.mjs',
    client: { id: 'bench-express-reference', secret: 'bench-express-reference-secret-0123456789' },
  },
  nest: {
    script: 'nest-passport-app.mjs',
    client: { id: 'bench-nest-reference', secret: 'bench-nest-reference-secret-0123456789ab' },
  },
};

/**
 * The development identity provider behind a counting proxy: the issuer is the proxy's URL, so
 * discovery, keys, token and userinfo calls all pass through it and are counted there.
 * `appPorts` are the app instances to register (and `adopterAppPorts` the NestJS 12 template
 * app's, as the same client); `referencePorts` the references' by kind
 * (`{ express: [...], nest: [...] }`).
 */
export async function startProvider({
  appPorts,
  adopterAppPorts = [],
  tenantAppPorts = [],
  referencePorts,
}) {
  const { launchDevIdentityProvider } = require('okta-dev-idp');
  const proxyPort = await freePort();
  const issuer = `http://${HOST}:${proxyPort}/oauth2/default`;
  const callback = (port) => `http://${HOST}:${port}/authorization-code/callback`;
  const provider = await launchDevIdentityProvider({
    port: 0,
    host: HOST,
    issuer,
    clients: [
      {
        client_id: APP_CLIENT.id,
        client_secret: APP_CLIENT.secret,
        redirect_uris: [
          ...[...appPorts, ...adopterAppPorts].map(callback),
          ...tenantAppPorts.map((port) => `${tenantBaseUrl(port)}/authorization-code/callback`),
        ],
        post_logout_redirect_uris: [
          ...[...appPorts, ...adopterAppPorts].map((port) => `http://${HOST}:${port}`),
          ...tenantAppPorts.map(tenantBaseUrl),
        ],
      },
      ...Object.entries(referencePorts).map(([kind, ports]) => ({
        client_id: REFERENCES[kind].client.id,
        client_secret: REFERENCES[kind].client.secret,
        redirect_uris: ports.map(callback),
        post_logout_redirect_uris: ports.map((port) => `http://${HOST}:${port}`),
        // passport-openidconnect sends the client secret in the request body only.
        token_endpoint_auth_method: 'client_secret_post',
      })),
    ],
  });
  const proxy = await startCountingProxy({ port: proxyPort, targetPort: provider.port });
  return {
    issuer,
    proxy,
    stop: async () => {
      await proxy.close();
      await provider.stop();
    },
  };
}

/** The tenant that signs in when the app runs with a tenants file (see startApp). */
const SIGNED_IN_TENANT = 'acme';

/** That tenant's address on an app with a tenants file on `port`, resolved by host. */
function tenantBaseUrl(port) {
  return `http://${SIGNED_IN_TENANT}.localhost:${port}`;
}

/**
 * A tenants file of `count` tenants resolved by host under `localhost:port`: SIGNED_IN_TENANT
 * signs in at the bench's provider as the app's client; the others have settings of their own
 * (client ids the provider does not know) and are never asked for, so their scopes are never
 * built and they never call a provider. Returns the file's path.
 */
function writeTenantsFile(port, issuer, count) {
  const others = Array.from({ length: count - 1 }, (_, i) => [
    `tenant-${i + 2}`,
    { issuer, clientId: `bench-unused-client-${i + 2}`, clientSecret: `unused-secret-${i + 2}` },
  ]);
  const tenants = {
    [SIGNED_IN_TENANT]: { issuer, clientId: APP_CLIENT.id, clientSecret: APP_CLIENT.secret },
    ...Object.fromEntries(others),
  };
  const file = join(mkdtempSync(join(tmpdir(), 'bench-tenants-')), 'tenants.json');
  writeFileSync(
    file,
    JSON.stringify({ resolution: 'host', baseDomain: `localhost:${port}`, tenants }),
  );
  return file;
}

/**
 * The app (bench/app-child.mjs) on `port`, configured from the environment like main.js. With
 * `tenants` (a count), it runs with a tenants file of that many tenants, and the server
 * described is SIGNED_IN_TENANT's address, `acme.localhost:port` (reached over loopback).
 */
export async function startApp({ port, issuer, env = {}, execArgv = [], tenants }) {
  const tenantEnv = tenants
    ? {
        TENANTS_FILE: writeTenantsFile(port, issuer, tenants),
        APP_BASE_URL: `http://localhost:${port}`,
      }
    : {};
  const child = forkTracked(`${benchDir}app-child.mjs`, {
    execArgv: ['--expose-gc', ...execArgv],
    env: {
      NODE_ENV: 'test',
      HOST,
      PORT: String(port),
      APP_BASE_URL: `http://${HOST}:${port}`,
      OKTA_ISSUER: issuer,
      OKTA_CLIENT_ID: APP_CLIENT.id,
      OKTA_CLIENT_SECRET: APP_CLIENT.secret,
      SESSION_SECRET: 'bench-session-secret-0123456789abcdefghij',
      LOG_LEVEL: 'silent',
      // 10,000 sessions are created through /login from one address; the default is 60 a minute.
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '100000000',
      ...env,
      ...tenantEnv,
    },
  });
  await waitForMessage(child, 'ready');
  // Read once, at start-up.
  if (tenantEnv.TENANTS_FILE) rmSync(dirname(tenantEnv.TENANTS_FILE), { recursive: true });
  return describeServer(child, tenants ? tenantBaseUrl(port) : `http://${HOST}:${port}`);
}

/**
 * A reference of `kind` ('express' or 'nest', from bench/reference/) on `port`. `nestFrom`: the
 * Nest reference takes NestJS from that app's folder (the NestJS 12 template app) instead of
 * this repository's.
 */
export async function startReference({ kind, port, issuer, execArgv = [], nestFrom }) {
  const { script, client } = REFERENCES[kind];
  const child = forkTracked(`${benchDir}reference/${script}`, {
    execArgv: ['--expose-gc', ...execArgv],
    env: {
      PORT: String(port),
      ISSUER: issuer,
      CLIENT_ID: client.id,
      CLIENT_SECRET: client.secret,
      ...(nestFrom ? { NEST_FROM: nestFrom } : {}),
    },
  });
  await waitForMessage(child, 'ready', 60_000);
  return describeServer(child, `http://${HOST}:${port}`);
}

/**
 * The adopter's app in the NestJS 12 template app at `appDir` (bench/lib/nest12-app.mjs), run
 * by bench/adopter-app-child.mjs from that folder, as `node dist/main` with the app's settings in
 * its environment. Its sign-in lands on `/` unless asked otherwise, and the app has no `/`: the
 * bench's sign-ins return to `/api/me`.
 */
export async function startAdopterApp({ port, issuer, appDir, execArgv = [] }) {
  const child = forkTracked(`${benchDir}adopter-app-child.mjs`, {
    cwd: appDir,
    execArgv: ['--expose-gc', ...execArgv],
    env: {
      HOST,
      PORT: String(port),
      OKTA_ISSUER: issuer,
      OKTA_CLIENT_ID: APP_CLIENT.id,
      OKTA_CLIENT_SECRET: APP_CLIENT.secret,
      OKTA_REDIRECT_URI: `http://${HOST}:${port}/authorization-code/callback`,
      OKTA_POST_LOGOUT_REDIRECT_URI: `http://${HOST}:${port}`,
      SESSION_SECRET: 'bench-session-secret-0123456789abcdefghij',
    },
  });
  await waitForMessage(child, 'ready', 60_000);
  return describeServer(child, `http://${HOST}:${port}`, '/login?returnTo=%2Fapi%2Fme');
}

function describeServer(child, baseUrl, loginPath = '/login') {
  return {
    pid: child.pid,
    baseUrl,
    url: (path) => `${baseUrl}${path}`,
    /** Where the bench's browser starts a sign-in. */
    loginUrl: `${baseUrl}${loginPath}`,
    /** Asks the child for { rss, heapUsed } after a full GC. */
    memory: () => {
      const answer = waitForMessage(child, 'memory');
      child.send({ type: 'memory' });
      return answer;
    },
    send: (message, answerType) => {
      const answer = waitForMessage(child, answerType, 60_000);
      child.send(message);
      return answer;
    },
    stop: () => stopChild(child, 10_000),
  };
}
