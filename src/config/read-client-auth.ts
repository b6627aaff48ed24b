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
  const method = read('OKTA_CLIENT_AUTH') ?? 'client_secret_basic';
  if (!(AUTH_METHODS as readonly string[]).includes(method)) {
    problems.push(
      `OKTA_CLIENT_AUTH: must be one of ${AUTH_METHODS.join(', ')}; got "${method}". Example: OKTA_CLIENT_AUTH=private_key_jwt`,
    );
  }
  const keyFile = read('OKTA_PRIVATE_KEY_FILE');
  return {
    clientAuthentication: method as ClientAuthSettings['clientAuthentication'],
    privateKey: keyFile === undefined ? undefined : readKeyFile(keyFile, problems),
    privateKeyId: read('OKTA_PRIVATE_KEY_ID'),
    pushedAuthorizationRequests: readPar(read('OKTA_PAR'), problems),
  };
}

/** A PEM file as text; a JWK or JWKS file as JSON. */
function readKeyFile(path: string, problems: string[]): ClientAuthSettings['privateKey'] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(
      `OKTA_PRIVATE_KEY_FILE: cannot read "${path}" (${code}). Example: OKTA_PRIVATE_KEY_FILE=./okta-private-key.jwks.json`,
    );
    return undefined;
  }
  if (!text.trimStart().startsWith('{')) return text;
  try {
    return JSON.parse(text) as ClientAuthSettings['privateKey'];
  } catch {
    problems.push(
      `OKTA_PRIVATE_KEY_FILE: "${path}" is neither PEM nor JSON (a JWK or JWKS). Example: OKTA_PRIVATE_KEY_FILE=./okta-private-key.jwks.json`,
    );
    return undefined;
  }
}

function readPar(value: string | undefined, problems: string[]): boolean | 'auto' {
  if (value === 'auto') return 'auto';
  return readBoolean('OKTA_PAR', value, problems) ?? false;
}
