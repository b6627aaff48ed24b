import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { ClientRegistration } from 'okta-dev-idp';
import type { PrivateJwk, PrivateKeyInput } from 'nest-okta';
import type { ClientAuthSettings } from '../config/okta-settings';

/**
 * How the development org registers the app, as an Okta app integration set to the same client
 * authentication would be: with `private_key_jwt`, the public half of every key the app holds
 * (so a rotation's JWKS works as at Okta), and PAR required when the app always uses it.
 */
export function registrationAuth(
  settings: ClientAuthSettings,
  clientSecret: string,
): Pick<
  ClientRegistration,
  'client_secret' | 'token_endpoint_auth_method' | 'jwks' | 'require_pushed_authorization_requests'
> {
  const par = settings.pushedAuthorizationRequests === true;
  if (settings.clientAuthentication !== 'private_key_jwt') {
    return {
      client_secret: clientSecret,
      token_endpoint_auth_method: settings.clientAuthentication,
      require_pushed_authorization_requests: par,
    };
  }
  return {
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: publicKeys(settings.privateKey, settings.privateKeyId) },
    require_pushed_authorization_requests: par,
  };
}

function publicKeys(input: PrivateKeyInput | undefined, keyId: string | undefined) {
  if (input === undefined) return [];
  if (typeof input === 'string') return [publicJwk(input, keyId)];
  if ('keys' in input) return (input.keys as PrivateJwk[]).map((key) => publicJwk(key, key.kid));
  return [publicJwk(input, keyId ?? input.kid)];
}

function publicJwk(key: string | PrivateJwk, kid: string | undefined) {
  const privateKey =
    typeof key === 'string'
      ? createPrivateKey(key)
      : createPrivateKey({ key: key as never, format: 'jwk' });
  return { ...createPublicKey(privateKey).export({ format: 'jwk' }), kid };
}

/**
 * Without a key file, `private_key_jwt` against a development org signs with a key pair made
 * for it, which lives as long as the process: the demo needs no key of its own.
 */
export function withDevKey(settings: ClientAuthSettings): ClientAuthSettings {
  if (settings.clientAuthentication !== 'private_key_jwt' || settings.privateKey) return settings;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as PrivateJwk), kid: 'dev-generated' };
  return { ...settings, privateKey: jwk, privateKeyId: undefined };
}
