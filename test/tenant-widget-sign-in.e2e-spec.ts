import { IdxStatus } from '@okta/okta-auth-js';
import type { Browser } from './support/browser';
import { signIn, signInUntilCallback } from './support/sign-in';
import { ADA, GUS, tenantBrowser as browser } from './support/tenant-visits';
import { startTenantsStack, type TenantsStack } from './support/tenants-stack';
import { callbackUrl, identify, openWidgetPage, widgetAuthClient } from './support/widget-client';

/**
 * Acme signs in on Okta's hosted page and Globex with the embedded Sign-In Widget, in one app:
 * Globex's page configures the widget for Globex's org, and its callback completes sign-ins there
 * only. The widget's steps are okta-auth-js's, as in widget-sign-in.e2e-spec.ts.
 */
const SESSION_COOKIE = 'nest-okta.sid';
const WIDGET_SCRIPT = '/assets/okta-signin-widget/js/okta-sign-in.min.js';

let stack: TenantsStack;
const at = (tenant: string, path: string) => stack.at(tenant, path);

beforeAll(async () => {
  stack = await startTenantsStack({ tenants: { acme: {}, globex: { signInMode: 'widget' } } });
});
afterAll(() => stack?.close());

async function signedInEmail(visitor: Browser, tenant: string): Promise<unknown> {
  const me = await visitor.request(at(tenant, '/api/me'), { accept: 'application/json' });
  return me.status === 200 ? (JSON.parse(me.body) as { email: string }).email : me.status;
}

/** What the widget on Globex's page does with a user's typing: the interaction code's URL. */
async function widgetCallback(visitor: Browser, credentials: typeof GUS, path = '/login') {
  const { options } = await openWidgetPage(visitor, at('globex', path));
  const transaction = await identify(widgetAuthClient(options), options, credentials);
  return { options, transaction };
}

describe('A tenant signing in with the embedded widget, beside a tenant on the hosted page', () => {
  it("configures Globex's widget for Globex's org alone, and sends Acme's /login to Acme's org", async () => {
    const { options, headers, body } = await openWidgetPage(browser(), at('globex', '/login'));
    const globexOrg = new URL(stack.issuerOf('globex')).origin;
    expect(options).toMatchObject({
      issuer: stack.issuerOf('globex'),
      baseUrl: globexOrg,
      clientId: 'nest-okta-globex',
      redirectUri: at('globex', '/login/callback'),
      codeChallengeMethod: 'S256',
    });
    // The page names the demo users of Globex's development org, and nobody else's.
    expect(body).toContain('gus@globex.example / Gus-Globex-1');
    expect(body).not.toMatch(/alice@example\.com|ada@acme\.example/);
    const csp = headers.get('content-security-policy')!;
    expect(csp).toMatch(new RegExp(`connect-src 'self' ${globexOrg} `));
    expect(csp).toMatch(new RegExp(`form-action 'self' ${globexOrg}(;|$)`));
    expect(csp).not.toContain(new URL(stack.issuerOf('acme')).origin);

    const acme = await browser().request(at('acme', '/login'));
    expect(acme.status).toBe(302);
    expect(acme.location).toMatch(new RegExp(`^${stack.issuerOf('acme')}/v1/authorize\\?`));
    // The widget's files are served where a tenant signs in with it.
    expect((await browser().request(at('globex', WIDGET_SCRIPT))).status).toBe(200);
    expect((await browser().request(at('acme', WIDGET_SCRIPT))).status).toBe(404);
  });

  it('signs Gus in at Globex through the widget, and Ada at Acme on the hosted page', async () => {
    const gus = browser();
    const { options, transaction } = await widgetCallback(gus, GUS, '/login?returnTo=%2Fprofile');
    const landed = await gus.request(callbackUrl(options, transaction));
    expect(landed.status).toBe(302);
    expect(landed.location).toBe(at('globex', '/profile'));
    expect(await signedInEmail(gus, 'globex')).toBe('gus@globex.example');
    expect(await signedInEmail(gus, 'acme')).toBe(401);

    const ada = browser();
    await signIn(ada, at('acme', '/login'), ADA, at('acme', '/authorization-code/callback'));
    expect(await signedInEmail(ada, 'acme')).toBe('ada@acme.example');
  });

  it("refuses Ada's Acme credentials in Globex's widget", async () => {
    const { transaction } = await widgetCallback(browser(), ADA);
    expect(transaction.status).toBe(IdxStatus.PENDING);
    expect(transaction.interactionCode).toBeUndefined();
    expect(transaction.messages).toEqual([
      expect.objectContaining({
        i18n: expect.objectContaining({ key: 'idx.unknown.user' }) as unknown,
      }),
    ]);
  });

  it("sends interaction_required back to Globex's own widget, for the same transaction", async () => {
    const gus = browser();
    const { options } = await openWidgetPage(gus, at('globex', '/login'));
    const state = encodeURIComponent(options.state);
    const back = await gus.request(
      at('globex', `/login/callback?error=interaction_required&state=${state}`),
    );
    expect(back.location).toBe(at('globex', `/login?state=${state}`));
    const resumed = await openWidgetPage(gus, back.location!);
    expect(resumed.options.state).toBe(options.state);
    expect(resumed.options.codeChallenge).toBe(options.codeChallenge);
  });

  it("refuses Acme's sign-in state at Globex's widget callback, even with Acme's session", async () => {
    const visitor = browser();
    const acmeCallback = new URL(
      await signInUntilCallback(
        visitor,
        at('acme', '/login'),
        ADA,
        at('acme', '/authorization-code/callback'),
      ),
    );
    const acmeState = acmeCallback.searchParams.get('state')!;
    // Globex's own interaction code, so only the state is out of place.
    const gus = browser();
    const { transaction } = await widgetCallback(gus, GUS);
    const cookie = await visitor.cookieValue(at('acme', '/'), SESSION_COOKIE);
    await visitor.jar.setCookie(`${SESSION_COOKIE}=${cookie}; Path=/; HttpOnly`, at('globex', '/'));

    const crossed = await visitor.request(
      at(
        'globex',
        `/login/callback?interaction_code=${transaction.interactionCode}&state=${encodeURIComponent(acmeState)}`,
      ),
    );
    expect(crossed.status).toBe(400);
    expect(await signedInEmail(visitor, 'globex')).toBe(401);
    // Acme's callback still completes its own sign-in: its state was sound, only misplaced.
    expect((await visitor.request(acmeCallback.toString())).status).toBe(302);
    expect(await signedInEmail(visitor, 'acme')).toBe('ada@acme.example');
  });
});
