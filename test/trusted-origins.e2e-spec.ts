import { launchDevIdentityProvider } from 'okta-dev-idp';
import { Browser } from './support/browser';
import { startWidgetApp, WIDGET_CLIENT, type WidgetApp } from './support/widget-app';
import { openWidgetPage } from './support/widget-client';

/** What a browser sends before the widget's credentialed POSTs with custom headers. */
function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-okta-user-agent-extended',
    },
  });
}

/**
 * A `/v1/interact` from the page's origin, as okta-auth-js sends it for a confidential client
 * configured with its secret (the module starts it on the server instead; the CORS answer is
 * what is tested here).
 */
function interact(issuer: string, origin: string, redirectUri: string): Promise<Response> {
  return fetch(`${issuer}/v1/interact`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: WIDGET_CLIENT.clientId,
      client_secret: WIDGET_CLIENT.clientSecret,
      scope: 'openid profile email',
      redirect_uri: redirectUri,
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
      state: 'some-state',
    }),
  });
}

describe('Trusted Origins at the development identity provider', () => {
  describe("with the app's origin listed", () => {
    let setup: WidgetApp;
    beforeAll(async () => {
      setup = await startWidgetApp((appOrigin) => [appOrigin, 'https://other.example']);
    });
    afterAll(() => setup?.close());

    it("answers the widget's preflights and calls with the exact origin and credentials", async () => {
      const { provider, origin, redirectUri } = setup;
      const org = provider.issuer.replace(/\/oauth2\/.*$/, '');
      for (const url of [`${provider.issuer}/v1/interact`, `${org}/idp/idx/introspect`]) {
        const answer = await preflight(url, origin);
        expect(answer.status).toBe(204);
        expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
        expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
      }
      const call = await interact(provider.issuer, origin, redirectUri);
      expect(call.status).toBe(200);
      expect(call.headers.get('access-control-allow-origin')).toBe(origin);
    });
  });

  describe("with the app's origin missing", () => {
    let setup: WidgetApp;
    beforeAll(async () => {
      // Listed: only an origin that is not the app's, as when the org lists production only.
      setup = await startWidgetApp(() => ['https://app.example.com']);
    });
    afterAll(() => setup?.close());

    it('serves the widget page, but no call from the page can read an answer', async () => {
      const { app, provider, origin, redirectUri } = setup;
      const { options } = await openWidgetPage(new Browser(), app.url('/login'));
      expect(options.issuer).toBe(provider.issuer);

      const org = provider.issuer.replace(/\/oauth2\/.*$/, '');
      for (const url of [`${provider.issuer}/v1/interact`, `${org}/idp/idx/introspect`]) {
        const answer = await preflight(url, origin);
        // No CORS header at all: the browser blocks the request before it is sent.
        expect(answer.headers.get('access-control-allow-origin')).toBeNull();
        expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
        expect(answer.headers.get('access-control-allow-headers')).toBeNull();
      }
      const call = await interact(provider.issuer, origin, redirectUri);
      expect(call.headers.get('access-control-allow-origin')).toBeNull();
      // Redirect URIs do not make an origin trusted, and neither does a near miss.
      const nearMiss = await preflight(`${provider.issuer}/v1/interact`, `${origin}0`);
      expect(nearMiss.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('refuses to start with an entry that is not an origin', async () => {
    await expect(
      launchDevIdentityProvider({
        port: 0,
        host: '127.0.0.1',
        trustedOrigins: ['http://localhost:8080/'],
        clients: [],
      }),
    ).rejects.toThrow(/Trusted origin "http:\/\/localhost:8080\/" is not an origin/);
  });
});
