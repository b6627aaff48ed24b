import { SignInException } from '../errors/auth.exceptions';
import type { OidcClient } from '../oidc/oidc-client';
import type { ProviderMetadata } from '../oidc/provider-metadata';
import { authorizationUrl } from './authorization-request';

const ISSUER = 'https://dev-123456.okta.com/oauth2/default';
const METADATA = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/v1/authorize`,
  token_endpoint: `${ISSUER}/v1/token`,
  userinfo_endpoint: `${ISSUER}/v1/userinfo`,
  jwks_uri: `${ISSUER}/v1/keys`,
  authorization_response_iss_parameter_supported: true,
} satisfies ProviderMetadata;
const WITH_PAR = { ...METADATA, pushed_authorization_request_endpoint: `${ISSUER}/v1/par` };
const PARAMETERS = { client_id: '0oa1', state: 's', nonce: 'n', code_challenge: 'c' };

describe('authorizationUrl', () => {
  const pushed: Record<string, string>[] = [];
  const oidc = {
    pushAuthorizationRequest: (_endpoint: string, parameters: Record<string, string>) => {
      pushed.push(parameters);
      return Promise.resolve('urn:ietf:params:oauth:request_uri:abc');
    },
  } as unknown as OidcClient;
  beforeEach(() => (pushed.length = 0));

  it('pushes every parameter and sends only client_id and request_uri with PAR', async () => {
    const url = new URL(await authorizationUrl(oidc, WITH_PAR, 'auto', PARAMETERS));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '0oa1',
      request_uri: 'urn:ietf:params:oauth:request_uri:abc',
    });
    expect(pushed).toEqual([PARAMETERS]);
  });

  it('puts the parameters in the URL when PAR is off, or "auto" finds no endpoint', async () => {
    for (const [metadata, setting] of [
      [WITH_PAR, false],
      [METADATA, 'auto'],
    ] as const) {
      const url = new URL(await authorizationUrl(oidc, metadata, setting, PARAMETERS));
      expect(Object.fromEntries(url.searchParams)).toEqual(PARAMETERS);
    }
    expect(pushed).toEqual([]);
  });

  it('answers 503, naming the setting, when PAR is required and the provider offers none', async () => {
    const refusal = await authorizationUrl(oidc, METADATA, true, PARAMETERS).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(SignInException);
    expect((refusal as SignInException).getStatus()).toBe(503);
    expect((refusal as SignInException).message).toContain('pushedAuthorizationRequests is true');
    expect(pushed).toEqual([]);
  });
});
