import {
  calculateJwkThumbprint,
  createRemoteJWKSet,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  jwtVerify,
} from 'jose';
import type { RunningIdentityProvider } from 'okta-dev-idp';
import { providerWithClient, signInForTokens, type TokenClient } from './support/provider-tokens';
import { ALICE } from './support/sign-in';

/**
 * The development provider makes its signing keys with jose 6, which imports and generates keys
 * as Web Crypto `CryptoKey`s (jose 5 gave Node `KeyObject`s) and exports a private key only when
 * it was generated `extractable`. The module verifies these ID tokens with its own jose 5 in
 * every sign-in test; this checks the keys themselves.
 */
describe('the development provider’s signing keys (jose 6)', () => {
  let provider: RunningIdentityProvider;
  let client: TokenClient;

  beforeAll(async () => {
    ({ provider, client } = await providerWithClient());
  });
  afterAll(async () => {
    await provider?.stop();
  });

  it('publishes public RS256 keys only, each named by its thumbprint, that import as CryptoKeys', async () => {
    const { keys } = (await (await fetch(`${client.issuer}/v1/keys`)).json()) as { keys: JWK[] };
    expect(keys.length).toBeGreaterThan(0);
    for (const jwk of keys) {
      expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(jwk).not.toHaveProperty('d');
      expect(jwk.kid).toBe(await calculateJwkThumbprint(jwk));
      // A Web Crypto key (jose 5 gave a Node KeyObject, whose `type` is the same but which has
      // no `algorithm`).
      expect(await importJWK(jwk, 'RS256')).toMatchObject({
        type: 'public',
        algorithm: { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } },
      });
    }
  });

  it('signs ID tokens that verify against that key set, under the kid it names', async () => {
    const tokens = await signInForTokens(client, ALICE, 'openid email');
    expect(tokens.status).toBe(200);
    const { payload } = await jwtVerify(
      tokens.body.id_token,
      createRemoteJWKSet(new URL(`${client.issuer}/v1/keys`)),
      { issuer: client.issuer, audience: client.clientId },
    );
    expect(payload.email).toBe(ALICE.username);
    const { keys } = (await (await fetch(`${client.issuer}/v1/keys`)).json()) as { keys: JWK[] };
    const { kid, alg } = decodeProtectedHeader(tokens.body.id_token);
    expect(alg).toBe('RS256');
    expect(keys.map((key) => key.kid)).toContain(kid);
  });
});
