import { createHash } from 'node:crypto';
import type { AuthModuleOptions } from './auth-module-options';
import { AuthOptionsError } from './auth-options.error';
import { OPTION_RULES as RULES } from './option-table';
import { readSigningKey, type SigningKey } from './private-key';

/** What authenticates the app at the provider, once the options are checked. */
export type ClientCredentials =
  | { method: 'client_secret_basic' | 'client_secret_post'; secret: string }
  | ({ method: 'private_key_jwt' } & SigningKey);

/** The credentials of checked options (the table has refused any that would not resolve). */
export function resolveClientCredentials(options: AuthModuleOptions): ClientCredentials {
  const method = options.clientAuthentication ?? RULES.clientAuthentication.default;
  if (method !== 'private_key_jwt') return { method, secret: options.clientSecret ?? '' };
  const key = readSigningKey(options.privateKey, options.privateKeyId);
  if ('option' in key) {
    throw new AuthOptionsError([
      { option: key.option, message: key.message, example: RULES[key.option].example },
    ]);
  }
  return { method, ...key };
}

/**
 * A secret each instance of the app derives alike and no browser sees: the client secret, or,
 * with a private key, a hash of the key (which never leaves the app either).
 */
export function instanceSecretOf(credentials: ClientCredentials): string {
  if (credentials.method !== 'private_key_jwt') return credentials.secret;
  const der = credentials.key.export({ format: 'der', type: 'pkcs8' });
  return createHash('sha256').update(der).digest('base64url');
}
