import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWTPayload,
  type KeyLike,
  SignJWT,
} from 'jose';
import { validateIdToken, type SignedInIdentity } from '../oidc/id-token';
import type { OidcClient, TokenSet } from '../oidc/oidc-client';
import { IdTokenValidationError } from '../oidc/oidc.errors';
import type { OktaTokens } from '../user/okta-user';
import { refreshedTokens } from './refreshed-tokens';

const ISSUER = 'https://dev-123456.okta.com/oauth2/default';
const CLIENT_ID = '0oa1b2c3d4EXAMPLE';
const SUB = '00u1a2b3c4EXAMPLE';
const SIGNED_IN_AT = 1_700_000_000;
const now = () => Math.floor(Date.now() / 1000);

let privateKey: KeyLike;
let oidc: OidcClient;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const keys = createLocalJWKSet({ keys: [jwk] });
  // OidcClient.validateRefreshedIdToken, with the provider's keys in hand instead of fetched.
  oidc = {
    validateRefreshedIdToken: (idToken: string, signedIn: SignedInIdentity) =>
      validateIdToken(idToken, keys, { issuer: ISSUER, clientId: CLIENT_ID, refreshOf: signedIn }),
  } as unknown as OidcClient;
});

/** An ID token as Okta issues it for this client and user; `undefined` leaves a claim out. */
function idToken(overrides: JWTPayload = {}): Promise<string> {
  return new SignJWT({
    iss: ISSUER,
    aud: CLIENT_ID,
    sub: SUB,
    iat: now(),
    exp: now() + 3600,
    ...overrides,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .sign(privateKey);
}

async function signedIn(overrides: JWTPayload = {}): Promise<OktaTokens> {
  return {
    idToken: await idToken({ nonce: 'sign-in-nonce', ...overrides }),
    accessToken: 'at-1',
    refreshToken: 'rt-1',
    scope: 'openid offline_access',
  };
}

function answer(fields: Partial<TokenSet> = {}): TokenSet {
  return { access_token: 'at-2', token_type: 'Bearer', expires_in: 3600, ...fields };
}

describe('refreshedTokens', () => {
  it('takes the new access and refresh tokens, and keeps the ID token of the sign-in when none came', async () => {
    const stale = await signedIn();
    const tokens = await refreshedTokens(oidc, stale, SUB, answer({ refresh_token: 'rt-2' }));
    expect(tokens).toMatchObject({
      idToken: stale.idToken,
      accessToken: 'at-2',
      refreshToken: 'rt-2',
      scope: 'openid offline_access',
    });
  });

  it('keeps the refresh token it had when the provider does not rotate it', async () => {
    const tokens = await refreshedTokens(oidc, await signedIn(), SUB, answer());
    expect(tokens.refreshToken).toBe('rt-1');
  });

  it('keeps a new valid ID token, which needs no nonce', async () => {
    const fresh = await idToken();
    const tokens = await refreshedTokens(oidc, await signedIn(), SUB, answer({ id_token: fresh }));
    expect(tokens.idToken).toBe(fresh);
  });

  it.each<[string, JWTPayload, JWTPayload, RegExp]>([
    ['another sub', {}, { sub: 'someone-else' }, /another user/],
    ['another iss', {}, { iss: 'https://evil.example/oauth2/default' }, /iss/],
    ['another aud', {}, { aud: 'another-client' }, /aud/],
    ['an exp in the past', {}, { iat: now() - 7200, exp: now() - 3600 }, /expired/],
    [
      'another auth_time',
      { auth_time: SIGNED_IN_AT },
      { auth_time: SIGNED_IN_AT + 60 },
      /auth_time/,
    ],
  ])('refuses a refreshed ID token with %s', async (_case, atSignIn, refreshed, reason) => {
    const stale = await signedIn(atSignIn);
    const attempt = refreshedTokens(
      oidc,
      stale,
      SUB,
      answer({ id_token: await idToken(refreshed) }),
    );
    await expect(attempt).rejects.toThrow(IdTokenValidationError);
    await expect(attempt).rejects.toThrow(reason);
  });

  it.each<[string, JWTPayload, JWTPayload]>([
    ['both ID tokens, the same', { auth_time: SIGNED_IN_AT }, { auth_time: SIGNED_IN_AT }],
    ['the sign-in’s only', { auth_time: SIGNED_IN_AT }, {}],
    ['the refreshed one only', {}, { auth_time: SIGNED_IN_AT }],
  ])('accepts auth_time in %s', async (_case, atSignIn, refreshed) => {
    const fresh = await idToken(refreshed);
    const stale = await signedIn(atSignIn);
    const tokens = await refreshedTokens(oidc, stale, SUB, answer({ id_token: fresh }));
    expect(tokens.idToken).toBe(fresh);
  });

  it.each<[string, unknown]>([
    ['a number', 5],
    ['an empty string', ''],
    ['an object', {}],
  ])('refuses an id_token that is %s', async (_case, value) => {
    const attempt = refreshedTokens(
      oidc,
      await signedIn(),
      SUB,
      answer({ id_token: value as string }),
    );
    await expect(attempt).rejects.toThrow(IdTokenValidationError);
  });
});
