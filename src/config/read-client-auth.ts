import { readFileSync } from 'node:fs';
import type { ClientAuthentication } from 'nest-okta';
import type { ClientAuthSettings } from './okta-settings';
import { parseBoolean, type ReadVariable } from './value-readers';

/**
 * How the app authenticates to Okta (OKTA_CLIENT_AUTH, OKTA_PRIVATE_KEY_FILE, OKTA_PRIVATE_KEY_ID)
 * and whether it pushes its authorization requests (OKTA_PAR). The key file is read here, once.
 * The method is passed on as written: AuthModule's option rules, the one list of the methods,
 * check it and the key (private, RS256 or ES256, a `kid`), naming the variable.
 */
export function readClientAuth(read: ReadVariable, problems: string[]): ClientAuthSettings {
  const report = (name: string, message: string, example: string) =>
    problems.push(`${name}: ${message}. Example: ${name}=${example}`);
  const keyFile = read('OKTA_PRIVATE_KEY_FILE');
  return {
    clientAuthentication: asGiven(read('OKTA_CLIENT_AUTH')),
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

/**
 * The method as written, for AuthModule's rules to check: start-up stops on any problem they
 * report, so a value that is none of the methods never reaches the module.
 */
export function asGiven(value: string | undefined): ClientAuthentication | undefined {
  return value as ClientAuthentication | undefined;
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

/** Unset stays unset: its default depends on the provider (see ClientAuthSettings). */
function readPar(value: string | undefined, problems: string[]): boolean | 'auto' | undefined {
  if (value === undefined) return undefined;
  if (/^auto$/i.test(value)) return 'auto';
  const flag = parseBoolean(value);
  if (flag === undefined) {
    problems.push(`OKTA_PAR: must be true, false or auto; got "${value}". Example: OKTA_PAR=auto`);
  }
  return flag;
}
