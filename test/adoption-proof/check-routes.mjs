/*
 * Drives an adopting app over real HTTP against okta-dev-idp, as a browser and an API client
 * would: one line per check, "ok <check>" or "FAIL <check>: <why>", and a non-zero exit code
 * when any fails.
 *
 *   node check-routes.mjs <app origin> <issuer>
 */
import assert from 'node:assert/strict';
import { Browser, formAction } from './browser.mjs';

const [origin, issuer] = process.argv.slice(2);
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
  'sign-in: /dashboard → /login?returnTo → provider as alice → "Dashboard of Alice Admin"':
    async () => {
      const deepLink = await alice.request(`${origin}/dashboard`);
      assert.equal(deepLink.status, 302);
      assert.equal(deepLink.location, `${origin}/login?returnTo=%2Fdashboard`);
      const landed = await signIn(alice, deepLink.location, ALICE);
      assert.equal(landed.url, `${origin}/dashboard`);
      assert.equal(landed.body, 'Dashboard of Alice Admin');
    },
  '@Public() /welcome without a session → 200': async () => {
    const welcome = await anonymous.request(`${origin}/welcome`, JSON_ONLY);
    assert.equal(welcome.status, 200);
    assert.deepEqual(JSON.parse(welcome.body), { hello: 'anyone' });
  },
  '/api/reports without a session → 401 JSON': async () => {
    const reports = await anonymous.request(`${origin}/api/reports`, JSON_ONLY);
    assert.equal(reports.status, 401);
    assert.equal(JSON.parse(reports.body).statusCode, 401);
  },
  "@Groups('admin'): alice /api/audit → 200": async () => {
    const audit = await alice.request(`${origin}/api/audit`, JSON_ONLY);
    assert.equal(audit.status, 200);
    assert.deepEqual(JSON.parse(audit.body), { auditor: ALICE.username });
  },
  "@Groups('admin'): bob /api/audit → 403": async () => {
    await signIn(bob, `${origin}/login`, BOB);
    const audit = await bob.request(`${origin}/api/audit`, JSON_ONLY);
    assert.equal(audit.status, 403);
    assert.equal(JSON.parse(audit.body).statusCode, 403);
  },
  'sign-out: POST /logout with a forged _csrf → 403': async () => {
    const forged = await alice.request(`${origin}/logout`, { form: { _csrf: 'forged' } });
    assert.equal(forged.status, 403);
  },
  'sign-out: POST /logout with _csrf from /api/session → 302 to {issuer}/v1/logout?id_token_hint=…':
    async () => {
      const session = await alice.request(`${origin}/api/session`, JSON_ONLY);
      const { csrfToken } = JSON.parse(session.body);
      const signOut = await alice.request(`${origin}/logout`, { form: { _csrf: csrfToken } });
      assert.equal(signOut.status, 302);
      assert.ok(
        signOut.location?.startsWith(`${issuer}/v1/logout?id_token_hint=`),
        `redirected to ${signOut.location}`,
      );
    },
  'after sign-out /api/reports → 401': async () => {
    const reports = await alice.request(`${origin}/api/reports`, JSON_ONLY);
    assert.equal(reports.status, 401);
  },
};

let failures = 0;
for (const [name, check] of Object.entries(checks)) {
  try {
    await check();
    console.log(`ok ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failures ? 1 : 0;
