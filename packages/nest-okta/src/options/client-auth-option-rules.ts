import type { AuthModuleOptions } from './auth-module-options';
import type { OptionRules } from './option-rule';
import { readSigningKey } from './private-key';

/** How the app proves itself to Okta: the app integration's "Client authentication" setting. */
export const CLIENT_AUTHENTICATIONS = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
] as const;

/** Whether the options sign client assertions rather than send a secret. */
export const usesPrivateKey = (options: Partial<AuthModuleOptions>): boolean =>
  options.clientAuthentication === 'private_key_jwt';

/** The problem the key has, if it belongs to `option`. */
function problemOf(option: 'privateKey' | 'privateKeyId', key: unknown, keyId: unknown) {
  const read = readSigningKey(key, typeof keyId === 'string' ? keyId : undefined);
  return 'option' in read && read.option === option ? read.message : undefined;
}

/**
 * Client authentication and pushed authorization requests, per app integration. The key is
 * checked whole here (readable, private, RS256 or ES256, a `kid`), so a bad one stops start-up
 * rather than the first sign-in; each problem lands on the option that fixes it.
 */
export const CLIENT_AUTH_OPTION_RULES = {
  clientAuthentication: {
    example: 'private_key_jwt',
    check: (value) =>
      (CLIENT_AUTHENTICATIONS as readonly unknown[]).includes(value)
        ? undefined
        : `must be one of ${CLIENT_AUTHENTICATIONS.join(', ')}; got "${String(value)}"`,
    default: 'client_secret_basic',
  },
  privateKey: {
    example: '{ "keys": [{ "kty": "RSA", "kid": "key-2026", "d": "…", … }] } (or PEM text)',
    required: usesPrivateKey,
    check: (value, options) => {
      if (!usesPrivateKey(options)) {
        return 'is used only with clientAuthentication "private_key_jwt"';
      }
      return problemOf('privateKey', value, options.privateKeyId);
    },
  },
  privateKeyId: {
    example: 'key-2026',
    // A key without a `kid` of its own, or a JWKS of several, needs one named.
    required: (options) =>
      usesPrivateKey(options) &&
      options.privateKey !== undefined &&
      problemOf('privateKeyId', options.privateKey, undefined),
    check: (value, options) =>
      typeof value !== 'string' || value === ''
        ? 'must be a non-empty string'
        : usesPrivateKey(options)
          ? problemOf('privateKeyId', options.privateKey, value)
          : undefined,
  },
  pushedAuthorizationRequests: {
    example: 'auto',
    check: (value) =>
      value === true || value === false || value === 'auto'
        ? undefined
        : `must be true, false or "auto"; got "${String(value)}"`,
    default: false,
  },
} as const satisfies OptionRules;
