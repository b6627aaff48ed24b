/*
 * Drives an adopting app over real HTTP against okta-dev-idp, as a browser and an API client
 * would: one line per check, "ok <check>" or "FAIL <check>: <why>", and a non-zero exit code
 * when any fails.
 *
 *   node check-routes.mjs <app origin> <issuer> [<base path> [<other tenant's base path>...]]
 *
 * The checks run under the base path: empty, the app's global prefix (/app), or a path tenant's
 * prefix under it (/app/t/acme), then also check that signing in at one tenant leaves the
 * others' pages asking for their own sign-in, and that an unknown tenant is 404.
 */
import assert from 'node:assert/strict';
import { Browser, formAction } from './browser.mjs';
import { runChecks } from './report.mjs';

const [origin, issuer, base = '', ...otherTenants] = process.argv.slice(2);
/** The global prefix, and the tenant when the base path ends in /t/{tenant}. */
const { prefix = '', tenant } =
  /^(?<prefix>.*?)(?:\/t\/(?<tenant>[^/]+))?$/.exec(base)?.groups ?? {};
const at = (/** @type {string} */ path) => `${origin}${base}${path}`;
/** A return-to value is a path of the app: under the global prefix, without the tenant's. */
const returnTo = (/** @type {string} */ path) => encodeURIComponent(`${prefix}${path}`);
const ALICE = { username: 'alice@example.com', password: 'Alice-Demo-1' };
const BOB = { username: 'bob@example.com', password: 'Bob-Demo-1' };
const JSON_ONLY = { accept: 'application/json' };

/**
 * From a URL that leads to the provider's sign-in page through the user typing their
 * credentials to the page the app lands them on.
 * @param {Browser} browser
 * @param {string} url
 * @param {{ username: string, password: string }} user
 */
async function signIn(browser, url, user) {
  const signInPage = await browser.follow(url);
  assert.match(signInPage.body, /name="password"/, `no sign-in page at ${signInPage.url}`);
  return browser.follow(formAction(signInPage), { form: user });
}

const anonymous = new Browser();
const alice = new Browser();
const bob = new Browser();

/** In order: the later ones use the sessions the earlier ones open. */
const checks = {
  [`sign-in: ${base}/dashboard → ${base}/login?returnTo → provider as alice → "Dashboard of Alice Admin"`]:
    async () => {
      const deepLink = await alice.request(at('/dashboard'));
      assert.equal(deepLink.status, 302);
      assert.equal(deepLink.location, at(`/login?returnTo=${returnTo('/dashboard')}`));
      const landed = await signIn(alice, deepLink.location, ALICE);
      assert.equal(landed.url, at('/dashboard'));
      assert.equal(landed.body, 'Dashboard of Alice Admin');
    },
  [`@Public() ${base}/welcome without a session → 200`]: async () => {
    const welcome = await anonymous.request(at('/welcome'), JSON_ONLY);
    assert.equal(welcome.status, 200);
    assert.deepEqual(JSON.parse(welcome.body), { hello: 'anyone' });
  },
  ...(prefix && {
    'outside the global prefix: /login → 404': async () => {
      assert.equal((await anonymous.request(`${origin}/login`)).status, 404);
    },
  }),
  [`${base}/api/reports without a session → 401 JSON`]: async () => {
    const reports = await anonymous.request(at('/api/reports'), JSON_ONLY);
    assert.equal(reports.status, 401);
    assert.equal(JSON.parse(reports.body).statusCode, 401);
  },
  [`@Groups('admin'): alice ${base}/api/audit → 200`]: async () => {
    const audit = await alice.request(at('/api/audit'), JSON_ONLY);
    assert.equal(audit.status, 200);
    assert.deepEqual(JSON.parse(audit.body), { auditor: ALICE.username });
  },
  [`@Groups('admin'): bob ${base}/api/audit → 403`]: async () => {
    await signIn(bob, at('/login'), BOB);
    const audit = await bob.request(at('/api/audit'), JSON_ONLY);
    assert.equal(audit.status, 403);
    assert.equal(JSON.parse(audit.body).statusCode, 403);
  },
  ...Object.fromEntries(
    otherTenants.map((other) => [
      `signed in at ${tenant} only: ${other}/dashboard → ${other}/login?returnTo`,
      async () => {
        const page = await alice.request(`${origin}${other}/dashboard`);
        assert.equal(page.status, 302);
        assert.equal(page.location, `${origin}${other}/login?returnTo=${returnTo('/dashboard')}`);
      },
    ]),
  ),
  ...(tenant && {
    [`unknown tenant: ${prefix}/t/initech/login → 404`]: async () => {
      const unknown = await anonymous.request(`${origin}${prefix}/t/initech/login`, JSON_ONLY);
      assert.equal(unknown.status, 404);
    },
  }),
  [`sign-out: POST ${base}/logout with a forged _csrf → 403`]: async () => {
    const forged = await alice.request(at('/logout'), { form: { _csrf: 'forged' } });
    assert.equal(forged.status, 403);
  },
  [`sign-out: POST ${base}/logout with _csrf from ${base}/api/session → 302 to {issuer}/v1/logout?id_token_hint=…`]:
    async () => {
      const session = await alice.request(at('/api/session'), JSON_ONLY);
      const { csrfToken } = JSON.parse(session.body);
      const signOut = await alice.request(at('/logout'), { form: { _csrf: csrfToken } });
      assert.equal(signOut.status, 302);
      assert.ok(
        signOut.location?.startsWith(`${issuer}/v1/logout?id_token_hint=`),
        `redirected to ${signOut.location}`,
      );
    },
  [`after sign-out ${base}/api/reports → 401`]: async () => {
    const reports = await alice.request(at('/api/reports'), JSON_ONLY);
    assert.equal(reports.status, 401);
  },
};

await runChecks(checks);
