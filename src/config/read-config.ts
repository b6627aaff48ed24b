import { randomBytes } from 'node:crypto';
import type { EnvironmentSettings, NodeEnvironment } from './app-config';
import type { OktaClientSettings, RelyingPartySettings, SignInMode } from './okta-settings';
import { DEFAULT_CALLBACK_PATHS } from './callback-paths';
import { ConfigError } from './config.error';
import { devOrgPortProblems } from './dev-org-ports';
import { readClientAuth } from './read-client-auth';
import { readDevIdpAllowRemote } from './read-dev-idp-allow-remote';
import { readHttpSettings, readLogLevel } from './read-http-settings';
import { readSessionSettings } from './read-session-settings';
import { relaxedPostureWarning } from './relaxed-posture';
import { readTenantsFile } from './read-tenants-file';
import { readWidgetSettings } from './read-widget-settings';
import {
  readBoolean,
  type ReadVariable,
  readOptionalWholeNumber,
  readWholeNumber,
} from './value-readers';

type Env = Record<string, string | undefined>;

const EXAMPLE_ISSUER = 'https://dev-123456.okta.com/oauth2/default';
const DEV_CLIENT_ID = 'nest-okta-dev';

export interface ReadConfigOptions {
  /**
   * Checks that belong to another layer (the Okta settings, which AuthModule validates), run on
   * the settings read, so their problems are reported together with these.
   */
  moreProblems?: (settings: EnvironmentSettings) => string[];
}

/**
 * Reads and validates the environment once, at start-up. Each message names the variable and
 * shows a valid example, because a wrong Okta URL otherwise surfaces only as an opaque
 * failure at the first sign-in.
 */
export function readConfig(
  env: Env,
  { moreProblems }: ReadConfigOptions = {},
): EnvironmentSettings {
  const problems: string[] = [];
  const read: ReadVariable = (name) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const nodeEnv = readNodeEnv(read('NODE_ENV'), problems);
  const production = nodeEnv === 'production';
  const port = readPort('PORT', read('PORT'), 8080, problems);
  const host = read('HOST') ?? '127.0.0.1';
  const baseUrl = readBaseUrl(read('APP_BASE_URL') ?? `http://localhost:${port}`, problems);

  const issuer = read('OKTA_ISSUER');
  const clientAuth = readClientAuth(read, problems);
  let oktaClient: OktaClientSettings | undefined;
  if (issuer) {
    oktaClient = {
      issuer,
      clientId: requireValue(
        'OKTA_CLIENT_ID',
        read('OKTA_CLIENT_ID'),
        '0oa1b2c3d4EXAMPLE',
        problems,
      ),
      // An app integration set to "Public key / Private key" has no secret.
      clientSecret:
        clientAuth.clientAuthentication === 'private_key_jwt'
          ? (read('OKTA_CLIENT_SECRET') ?? '')
          : requireValue(
              'OKTA_CLIENT_SECRET',
              read('OKTA_CLIENT_SECRET'),
              'the client secret from the app integration page',
              problems,
            ),
    };
  } else if (production) {
    problems.push(
      `OKTA_ISSUER: required when NODE_ENV=production (the development identity provider never runs in production). Example: OKTA_ISSUER=${EXAMPLE_ISSUER}`,
    );
  } else {
    for (const name of ['OKTA_CLIENT_ID', 'OKTA_CLIENT_SECRET']) {
      if (read(name)) {
        problems.push(
          `${name} is set but OKTA_ISSUER is not: set both, or neither to use the development identity provider. Example: OKTA_ISSUER=${EXAMPLE_ISSUER}`,
        );
      }
    }
  }

  const devIdentityProviderPort = readPort('DEV_IDP_PORT', read('DEV_IDP_PORT'), 8081, problems);
  if (!oktaClient && !production && port !== 0 && port === devIdentityProviderPort) {
    problems.push(
      `PORT and DEV_IDP_PORT are both ${port}: the development identity provider needs a port of its own. Example: DEV_IDP_PORT=${port + 1}`,
    );
  }

  const tenantsFile = read('TENANTS_FILE');
  const tenants =
    tenantsFile === undefined
      ? undefined
      : readTenantsFile(tenantsFile, { production, appBaseUrl: baseUrl }, problems);
  if (tenants && !production) {
    problems.push(
      ...devOrgPortProblems(tenants, { app: port, devIdentityProvider: devIdentityProviderPort }),
    );
  }

  const session = readSessionSettings(read, { production, baseUrl }, randomSecret, problems);
  const settings: EnvironmentSettings = {
    nodeEnv,
    port,
    host,
    baseUrl,
    session,
    http: readHttpSettings(read, problems),
    logLevel: readLogLevel(read('LOG_LEVEL'), problems),
    oktaClient,
    clientAuth,
    relyingParty: readRelyingParty(read, baseUrl, !oktaClient, problems),
    widget: readWidgetSettings(read),
    tenants,
    devIdentityProvider: {
      port: devIdentityProviderPort,
      clientId: DEV_CLIENT_ID,
      clientSecret: randomBytes(24).toString('base64url'),
      accessTokenTtlSeconds: readWholeNumber(
        'DEV_IDP_ACCESS_TOKEN_TTL_SECONDS',
        read('DEV_IDP_ACCESS_TOKEN_TTL_SECONDS'),
        { fallback: 3600, min: 1, example: 300 },
        problems,
      ),
      allowRemote: readDevIdpAllowRemote(read, problems),
    },
    relaxedPostureWarning: relaxedPostureWarning({
      production,
      realOrg: oktaClient !== undefined,
      httpsBaseUrl: baseUrl.startsWith('https:'),
      secretGiven: read('SESSION_SECRET') !== undefined,
      session,
    }),
  };
  if (moreProblems) problems.push(...moreProblems(settings));
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The redirect URIs the app registers, derived from `APP_BASE_URL` unless given. */
function readRelyingParty(
  read: ReadVariable,
  baseUrl: string,
  usesDevIdentityProvider: boolean,
  problems: string[],
): RelyingPartySettings {
  const signInMode = readSignInMode(read('OKTA_SIGN_IN_MODE'), problems);
  const redirectUri = trimSlash(
    read('OKTA_REDIRECT_URI') ?? `${baseUrl}${DEFAULT_CALLBACK_PATHS[signInMode]}`,
  );
  return {
    signInMode,
    scopes: readScopes(read('OKTA_SCOPES')),
    redirectUri,
    postLogoutRedirectUri: trimSlash(read('OKTA_POST_LOGOUT_REDIRECT_URI') ?? baseUrl),
    // Unset, AuthModule's default for the mode applies (10 minutes hosted, 30 with the widget).
    signInTransactionTtlSeconds: readOptionalWholeNumber(
      'SIGN_IN_TRANSACTION_TTL_SECONDS',
      read('SIGN_IN_TRANSACTION_TTL_SECONDS'),
      { min: 60, example: 1800 },
      problems,
    ),
    // On by default only with the development provider, which sends it; an Okta org first needs
    // the endpoint registered in its app integration.
    universalLogout:
      readBoolean('OKTA_UNIVERSAL_LOGOUT', read('OKTA_UNIVERSAL_LOGOUT'), problems) ??
      usesDevIdentityProvider,
  };
}

function readSignInMode(value: string | undefined, problems: string[]): SignInMode {
  if (value === undefined || value === 'redirect' || value === 'widget') return value ?? 'redirect';
  problems.push(
    `OKTA_SIGN_IN_MODE: must be "redirect" (Okta-hosted page) or "widget" (embedded Sign-In Widget); got "${value}". Example: OKTA_SIGN_IN_MODE=widget`,
  );
  return 'redirect';
}

function readNodeEnv(value: string | undefined, problems: string[]): NodeEnvironment {
  const allowed: NodeEnvironment[] = ['development', 'production', 'test'];
  if (value === undefined) return 'development';
  if ((allowed as string[]).includes(value)) return value as NodeEnvironment;
  problems.push(
    `NODE_ENV: must be one of ${allowed.join(', ')}; got "${value}". Example: NODE_ENV=production`,
  );
  return 'development';
}

function readPort(
  name: string,
  value: string | undefined,
  fallback: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (port <= 65535) return port;
  problems.push(
    `${name}: must be a port number from 0 to 65535; got "${value}". Example: ${name}=${fallback}`,
  );
  return fallback;
}

function readBaseUrl(value: string, problems: string[]): string {
  const url = checkAbsoluteUrl('APP_BASE_URL', value, 'http://localhost:8080', problems);
  if (!URL.canParse(url)) return url;
  const { origin, pathname, search, hash } = new URL(url);
  if (pathname !== '/' || search || hash) {
    problems.push(
      `APP_BASE_URL: must be an origin without a path; got "${value}". Example: APP_BASE_URL=https://app.example.com`,
    );
  }
  // Derived URLs are built from the origin, so one mistake is reported once.
  return origin;
}

function requireValue(
  name: string,
  value: string | undefined,
  example: string,
  problems: string[],
): string {
  if (value === undefined) {
    problems.push(`${name}: required when OKTA_ISSUER is set. Example: ${name}=${example}`);
    return '';
  }
  return value;
}

function checkAbsoluteUrl(
  name: string,
  value: string,
  example: string,
  problems: string[],
): string {
  if (!URL.canParse(value) || !/^https?:\/\//i.test(value)) {
    problems.push(
      `${name}: must be an absolute http(s) URL; got "${value}". Example: ${name}=${example}`,
    );
    return value;
  }
  const url = new URL(value);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    problems.push(
      `${name}: must use https:// (plain http is allowed only for localhost); got "${value}". Example: ${name}=${example}`,
    );
  }
  return value.replace(/\/+$/, '');
}

function readScopes(value: string | undefined): string[] {
  return [...new Set((value ?? 'openid profile email').split(/[\s,]+/).filter(Boolean))];
}

function trimSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

/** Names under `.localhost` resolve to loopback too (RFC 6761): tenant hosts in development. */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '127.0.0.1' ||
    hostname === '[::1]'
  );
}
