import { dirname, resolve } from 'node:path';
import type { ClientAuthSettings, OktaClientSettings, SignInMode } from './okta-settings';
import { asGiven, readKeyFile } from './read-client-auth';
import type { TenantSettings } from './tenants-config';

const FIELDS = [
  'displayName',
  'issuer',
  'clientId',
  'clientSecret',
  'signInMode',
  'scopes',
  'groupsClaim',
  'postLogoutRedirectUri',
  'clientAuthentication',
  'privateKeyFile',
  'privateKeyId',
  'pushedAuthorizationRequests',
] as const;
type Field = (typeof FIELDS)[number];

/** Together they name the tenant's Okta org and app integration; none of them means the dev org. */
const CLIENT_FIELDS = ['issuer', 'clientId', 'clientSecret'] as const;

const EXAMPLES: Record<Field, string> = {
  displayName: '"displayName": "Acme Corporation"',
  issuer: '"issuer": "https://acme.okta.com/oauth2/default"',
  clientId: '"clientId": "0oa1b2c3d4EXAMPLE"',
  clientSecret: '"clientSecret": "the client secret from the app integration page"',
  signInMode: '"signInMode": "widget"',
  scopes: '"scopes": ["openid", "profile", "email"]',
  groupsClaim: '"groupsClaim": "groups"',
  postLogoutRedirectUri: '"postLogoutRedirectUri": "https://acme.example.com"',
  clientAuthentication: '"clientAuthentication": "private_key_jwt"',
  privateKeyFile: '"privateKeyFile": "keys/acme.jwks.json"',
  privateKeyId: '"privateKeyId": "key-2026"',
  pushedAuthorizationRequests: '"pushedAuthorizationRequests": "auto"',
};

const DEFAULT_SCOPES = ['openid', 'profile', 'email'];

export interface TenantEntryContext {
  file: string;
  production: boolean;
  /** The tenant's own address, from the file's resolution. */
  baseUrl: string;
}

/**
 * Reads one tenant's settings. Values are shown in messages only where they cannot be a secret
 * (a sign-in mode), and a misspelt setting is named by its key alone, since its value may be
 * the client secret under another name. The Okta-aware checks of the values (the issuer's
 * shape, `openid` in the scopes) are AuthModule's, run on the result by the app.
 */
export function readTenantEntry(
  id: string,
  entry: unknown,
  { file, production, baseUrl }: TenantEntryContext,
  problems: string[],
): TenantSettings | undefined {
  const where = `${file}, tenant "${id}"`;
  const report = (field: Field, message: string) =>
    problems.push(`${where}, "${field}": ${message}. Example: ${EXAMPLES[field]}`);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    problems.push(
      `${where}: must be an object of settings ({} in development signs in at the development identity provider's org "${id}"). Example: "${id}": { ${EXAMPLES.issuer}, ${EXAMPLES.clientId}, ${EXAMPLES.clientSecret} }`,
    );
    return undefined;
  }
  const values = entry as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    if (!(FIELDS as readonly string[]).includes(key)) problems.push(unknownField(where, key));
  }

  const text = (field: Field): string | undefined => {
    const value = values[field];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    report(field, 'must be a non-empty string');
    return undefined;
  };
  const clientAuth = readTenantClientAuth(values, text, report, file);
  // An app integration set to "Public key / Private key" has no secret to give.
  const clientFields = CLIENT_FIELDS.filter(
    (field) => field !== 'clientSecret' || clientAuth.clientAuthentication !== 'private_key_jwt',
  );
  const [issuer, clientId, clientSecret = ''] = clientFields.map(text);
  const given = clientFields.filter((field) => values[field] !== undefined);
  let oktaClient: OktaClientSettings | undefined;
  if (given.length === 0 && production) {
    problems.push(
      `${where}: "issuer", "clientId" and "clientSecret" are required when NODE_ENV=production (a tenant without them signs in at the development identity provider, which never runs in production). Example: ${CLIENT_FIELDS.map((field) => EXAMPLES[field]).join(', ')}`,
    );
  } else if (given.length > 0) {
    for (const field of clientFields.filter((name) => !given.includes(name))) {
      report(
        field,
        `is required with ${given.map((name) => `"${name}"`).join(' and ')}: give ${clientFields.length === 3 ? 'all three of "issuer", "clientId" and "clientSecret"' : 'both "issuer" and "clientId"'}, or (in development) none, to sign in at the development identity provider`,
      );
    }
    if (issuer && clientId && given.length === clientFields.length) {
      oktaClient = { issuer, clientId, clientSecret };
    }
  }

  const groupsClaim = text('groupsClaim');
  if (groupsClaim !== undefined && /\s/.test(groupsClaim)) {
    report('groupsClaim', 'must be a claim name without spaces');
  }
  return {
    id,
    displayName: text('displayName') ?? id,
    oktaClient,
    signInMode: readSignInMode(values.signInMode, report),
    scopes: readScopes(values.scopes, report),
    groupsClaim,
    postLogoutRedirectUri: text('postLogoutRedirectUri'),
    clientAuth,
    baseUrl,
  };
}

/**
 * The tenant's client authentication, as OKTA_CLIENT_AUTH and its companions give the app's: a
 * key file's path is relative to the tenants file.
 */
function readTenantClientAuth(
  values: Record<string, unknown>,
  text: (field: Field) => string | undefined,
  report: Report,
  file: string,
): ClientAuthSettings {
  const keyFile = text('privateKeyFile');
  const par = values.pushedAuthorizationRequests;
  if (par !== undefined && par !== true && par !== false && par !== 'auto') {
    report('pushedAuthorizationRequests', 'must be true, false or "auto"');
  }
  return {
    clientAuthentication: asGiven(text('clientAuthentication')),
    privateKey:
      keyFile === undefined
        ? undefined
        : readKeyFile(resolve(dirname(file), keyFile), (message) =>
            report('privateKeyFile', message),
          ),
    privateKeyId: text('privateKeyId'),
    pushedAuthorizationRequests: par === true || par === 'auto' ? par : false,
  };
}

type Report = (field: Field, message: string) => void;

function readSignInMode(value: unknown, report: Report): SignInMode {
  if (value === undefined || value === 'redirect' || value === 'widget') return value ?? 'redirect';
  const got = typeof value === 'string' ? `; got "${value}"` : '';
  report(
    'signInMode',
    `must be "redirect" (Okta-hosted page) or "widget" (embedded Sign-In Widget)${got}`,
  );
  return 'redirect';
}

function readScopes(value: unknown, report: Report): string[] {
  if (value === undefined) return DEFAULT_SCOPES;
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((scope) => typeof scope === 'string' && /^\S+$/.test(scope))
  ) {
    return [...new Set(value as string[])];
  }
  report('scopes', 'must be a list of scope names without spaces');
  return DEFAULT_SCOPES;
}

/** Names the setting people most likely meant: `clientID` and `client_id` are `clientId`. */
function unknownField(where: string, key: string): string {
  const squash = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
  const meant = FIELDS.find((field) => squash(field) === squash(key));
  const hint = meant ? ` (did you mean "${meant}"?)` : '';
  return `${where}: unknown setting "${key}"${hint}; a tenant's settings are ${FIELDS.join(', ')}. Example: ${EXAMPLES[meant ?? 'issuer']}`;
}
