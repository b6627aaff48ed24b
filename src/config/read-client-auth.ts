import { readFileSync } from 'node:fs';
import type { ClientAuthSettings } from './okta-settings';
import { readBoolean, type ReadVariable } from './value-readers';

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;

/**
 * How the app authenticates to Okta (OKTA_CLIENT_AUTH, OKTA_PRIVATE_KEY_FILE, OKTA_PRIVATE_KEY_ID)
 * and whether it pushes its authorization requests (OKTA_PAR). The key file is read here, once;
 * AuthModule checks the key itself (private, RS256 or ES256, a `kid`).
 */
export function readClientAuth(read: ReadVariable, problems: string[]): ClientAuthSettings {
  const report = (name: string, message: string, example: string) =>
    problems.push(`${name}: ${message}. Example: ${name}=${example}`);
  const method = readAuthMethod(read('OKTA_CLIENT_AUTH'), (message) =>
    report('OKTA_CLIENT_AUTH', message, 'private_key_jwt'),
  );
  const keyFile = read('OKTA_PRIVATE_KEY_FILE');
  return {
    clientAuthentication: method,
    privateKey:
      keyFile === undefined
        ? undefined
        : readKeyFile(keyFile, (message) =>
            report('OKTA_PRIVATE_KEY_FILE', message, './okta-private-key.jwks.json'),
          ),
    privateKeyId: read('OKTA_PRIVATE_KEY_ID'),
    pushedAuthorizationRequests: readPar(read('OKTA_PAR'), problems),
  };
}

/** One of the three methods; anything else is reported, and the default used meanwhile. */
export function readAuthMethod(
  value: string | undefined,
  report: (message: string) => void,
): ClientAuthSettings['clientAuthentication'] {
  if (value === undefined) return 'client_secret_basic';
  if ((AUTH_METHODS as readonly string[]).includes(value)) {
    return value as ClientAuthSettings['clientAuthentication'];
  }
  report(`must be one of ${AUTH_METHODS.join(', ')}; got "${value}"`);
  return 'client_secret_basic';
}

/** A PEM file as text; a JWK or JWKS file as JSON. AuthModule checks the key in it. */
export function readKeyFile(
  path: string,
  report: (message: string) => void,
): ClientAuthSettings['privateKey'] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    report(`cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
    return undefined;
  }
  if (!text.trimStart().startsWith('{')) return text;
  try {
    return JSON.parse(text) as ClientAuthSettings['privateKey'];
  } catch {
    report(`"${path}" is neither PEM nor JSON (a JWK or JWKS)`);
    return undefined;
  }
}

function readPar(value: string | undefined, problems: string[]): boolean | 'auto' {
  if (value === 'auto') return 'auto';
  return readBoolean('OKTA_PAR', value, problems) ?? false;
}
