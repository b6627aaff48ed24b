import { Browser, type Page, readForm } from './support/browser';
import { latestCode, mailboxUrl, mailTo, wrongCode } from './support/mailbox';
import { DAVE, openSignInPage, submitCredentials } from './support/sign-in';
import { useStack } from './support/stack';

/**
 * A second factor on the hosted sign-in page (the redirect model): Dave's policy asks for the
 * password, then a code the development provider mails to its mailbox.
 */
describe('Sign-in with an email code on the hosted page, against the development identity provider', () => {
  const stack = useStack();
  const { url, callbackPrefix } = stack;

  /** The password step, which for Dave ends on the code page. */
  async function passwordThenCodePage(browser: Browser): Promise<Page> {
    const signInPage = await openSignInPage(browser, url('/login'));
    const afterPassword = await submitCredentials(browser, signInPage, DAVE);
    expect(afterPassword.status).toBe(303);
    const codePage = await browser.request(afterPassword.location!);
    expect(codePage.status).toBe(200);
    return codePage;
  }

  /** Types a code into the code page's form; returns the provider's first response. */
  function submitCode(browser: Browser, codePage: Page, code: string): Promise<Page> {
    const form = readForm(codePage.body, codePage.url);
    return browser.request(form.action, { form: { ...form.fields, code } });
  }

  /** Follows the provider's redirects back to the app's callback, then into the app. */
  async function landInApp(browser: Browser, page: Page): Promise<Page> {
    for (let hop = 0; hop < 10 && page.location; hop++) {
      if (page.location.startsWith(callbackPrefix())) return browser.follow(page.location);
      page = await browser.request(page.location);
    }
    throw new Error(`Expected a redirect to the app, stopped at ${page.url} with ${page.status}`);
  }

  async function signedInEmail(browser: Browser): Promise<unknown> {
    const me = await browser.request(url('/api/me'), { accept: 'application/json' });
    return me.status === 200 ? (JSON.parse(me.body) as { email?: unknown }).email : me.status;
  }

  it('asks for the emailed code after the password, refuses a wrong code, accepts the right one', async () => {
    const browser = new Browser();
    const codePage = await passwordThenCodePage(browser);
    expect(codePage.body).toContain('Verify with your email');
    expect(codePage.body).toContain('d***e@example.com');
    expect(codePage.body).toContain(`href="/dev/mailbox?to=dave%40example.com"`);
    expect(codePage.headers.get('cache-control')).toBe('no-store');

    const [mail] = await mailTo(stack.issuer, DAVE.username);
    expect(mail).toMatchObject({ to: 'dave@example.com', subject: 'One-time verification code' });
    expect(mail.code).toMatch(/^\d{6}$/);
    expect(mail.text).toContain(mail.code);

    const refused = await submitCode(browser, codePage, wrongCode(mail.code!));
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('Invalid code. Try again.');
    expect(await signedInEmail(browser)).toBe(401);

    const accepted = await submitCode(browser, refused, mail.code!);
    const landed = await landInApp(browser, accepted);
    expect(landed.status).toBe(200);
    expect(await signedInEmail(browser)).toBe('dave@example.com');
  });

  it('never signs in on the password alone', async () => {
    const browser = new Browser();
    const codePage = await passwordThenCodePage(browser);
    const uid = new URL(codePage.url).pathname.split('/')[2];
    // Resuming the authorization request without the code asks for the sign-in again.
    const resumed = await browser.follow(`${stack.issuer}/v1/authorize/${uid}`);
    expect(resumed.url).toContain('/interaction/');
    expect(resumed.body).toContain('name="password"');
    expect(await signedInEmail(browser)).toBe(401);
  });

  it('sends a new code on request, and only the newest code works', async () => {
    const browser = new Browser();
    const codePage = await passwordThenCodePage(browser);
    const first = await latestCode(stack.issuer, DAVE.username);

    const resent = await browser.request(`${codePage.url}/resend`, { form: {} });
    expect(resent.status).toBe(303);
    const notice = await browser.request(resent.location!);
    expect(notice.body).toContain('We sent a new code.');
    const second = await latestCode(stack.issuer, DAVE.username);
    // Two random six-digit codes: equal once in a million runs.
    expect(second).not.toBe(first);

    expect((await submitCode(browser, notice, first)).status).toBe(401);
    await landInApp(browser, await submitCode(browser, notice, second));
    expect(await signedInEmail(browser)).toBe('dave@example.com');
  });

  it('refuses a code mailed for another sign-in of the same user', async () => {
    const first = new Browser();
    await passwordThenCodePage(first);
    const codeOfFirst = await latestCode(stack.issuer, DAVE.username);
    const second = new Browser();
    const codePage = await passwordThenCodePage(second);
    expect(await latestCode(stack.issuer, DAVE.username)).not.toBe(codeOfFirst);

    expect((await submitCode(second, codePage, codeOfFirst)).status).toBe(401);
    expect(await signedInEmail(second)).toBe(401);
  });

  it('voids the code after five wrong tries, until a new one is sent', async () => {
    const browser = new Browser();
    const codePage = await passwordThenCodePage(browser);
    const code = await latestCode(stack.issuer, DAVE.username);
    for (let tries = 0; tries < 5; tries++) {
      expect((await submitCode(browser, codePage, wrongCode(code))).status).toBe(401);
    }
    expect((await submitCode(browser, codePage, code)).status).toBe(401);

    await browser.request(`${codePage.url}/resend`, { form: {} });
    await landInApp(
      browser,
      await submitCode(browser, codePage, await latestCode(stack.issuer, DAVE.username)),
    );
    expect(await signedInEmail(browser)).toBe('dave@example.com');
  });

  it('shows the mail to people as a page, and to scripts as JSON', async () => {
    const browser = new Browser();
    await passwordThenCodePage(browser);
    const code = await latestCode(stack.issuer, DAVE.username);

    const page = await browser.request(`${mailboxUrl(stack.issuer)}?to=dave%40example.com`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.body).toContain('Development mailbox');
    expect(page.body).toContain(`Code: <strong>${code}</strong>`);

    const others = await mailTo(stack.issuer, 'alice@example.com');
    expect(others).toEqual([]);
    const all = await fetch(`${mailboxUrl(stack.issuer)}.json`);
    expect(all.headers.get('cache-control')).toBe('no-store');
    const { messages } = (await all.json()) as { messages: { to: string }[] };
    expect(messages.every((m) => m.to === 'dave@example.com')).toBe(true);
  });
});
