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
 * The client authentication against a development org, so that `OKTA_CLIENT_AUTH=private_key_jwt`
 * alone switches the demo to a key and PAR: without a key file, it signs with a key pair made for
 * it, which lives as long as the process; with OKTA_PAR unset, PAR is `auto`, which the
 * development org's discovery turns on (an Okta org keeps the module's default, `false`).
 */
export function forDevOrg(settings: ClientAuthSettings): ClientAuthSettings {
  const privateKeyJwt = settings.clientAuthentication === 'private_key_jwt';
  const pushedAuthorizationRequests =
    settings.pushedAuthorizationRequests ?? (privateKeyJwt ? 'auto' : false);
  if (!privateKeyJwt || settings.privateKey) return { ...settings, pushedAuthorizationRequests };
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as PrivateJwk), kid: 'dev-generated' };
  return { ...settings, privateKey: jwk, privateKeyId: undefined, pushedAuthorizationRequests };
}
