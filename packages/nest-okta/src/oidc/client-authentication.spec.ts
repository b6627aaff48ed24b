import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { authenticateClient } from './client-authentication';

const TOKEN_ENDPOINT = 'https://dev-123456.okta.com/oauth2/default/v1/token';

describe('authenticateClient', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const credentials = {
    method: 'private_key_jwt' as const,
    key: privateKey,
    alg: 'ES256' as const,
    kid: 'key-2026',
  };

  it('signs an assertion for the endpoint called, from and about the client', async () => {
    const { headers, body } = await authenticateClient('0oa1', credentials, TOKEN_ENDPOINT);
    expect(headers).toEqual({});
    expect(body.client_assertion_type).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    expect(decodeProtectedHeader(body.client_assertion)).toMatchObject({
      alg: 'ES256',
      kid: 'key-2026',
    });
    const claims = decodeJwt(body.client_assertion);
    expect(claims).toMatchObject({ iss: '0oa1', sub: '0oa1', aud: TOKEN_ENDPOINT });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(5 * 60);
  });

  it('never signs the same jti twice', async () => {
    const jtis = await Promise.all(
      [1, 2, 3].map(async () => {
        const { body } = await authenticateClient('0oa1', credentials, TOKEN_ENDPOINT);
        return decodeJwt(body.client_assertion).jti;
      }),
    );
    expect(new Set(jtis).size).toBe(3);
  });

  it('sends a secret in the header or the body, as the app integration says', async () => {
    const basic = await authenticateClient(
      'my client',
      { method: 'client_secret_basic', secret: 's&cret' },
      TOKEN_ENDPOINT,
    );
    expect(basic).toEqual({
      headers: { authorization: `Basic ${Buffer.from('my+client:s%26cret').toString('base64')}` },
      body: {},
    });
    const post = await authenticateClient(
      '0oa1',
      { method: 'client_secret_post', secret: 'secret' },
      TOKEN_ENDPOINT,
    );
    expect(post).toEqual({ headers: {}, body: { client_id: '0oa1', client_secret: 'secret' } });
  });
});
