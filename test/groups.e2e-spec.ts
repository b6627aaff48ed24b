import { Browser } from './support/browser';
import { ALICE, BOB, signIn } from './support/sign-in';
import { useStack } from './support/stack';
import { submitMailedCode, untilCallback } from './support/step-up';

describe('Group-based access with @Groups("admin")', () => {
  const stack = useStack();
  const { url, callbackPrefix } = stack;

  it('lets a member of the admin group in, once she has verified her second factor', async () => {
    const browser = new Browser();
    // The password sign-in lands on /admin, which asks for the email code (a step-up).
    const stepUp = await signIn(browser, url('/admin'), ALICE, callbackPrefix());
    expect(stepUp.body).toContain('Verify with your email');
    const afterCode = await submitMailedCode(browser, stepUp, stack.issuer, ALICE.username);
    const landed = await browser.follow(await untilCallback(browser, afterCode, callbackPrefix()));
    expect(landed.url).toBe(url('/admin'));
    expect(landed.status).toBe(200);
    expect(landed.body).toContain('Only members of the <code>admin</code> group');
    const api = await browser.request(url('/api/admin'), { accept: 'application/json' });
    expect(JSON.parse(api.body)).toMatchObject({ admin: true, groups: ['Everyone', 'admin'] });
  });

  it('answers a signed-in non-member with a 403 page, and 403 JSON for the API', async () => {
    const browser = new Browser();
    await signIn(browser, url('/login'), BOB, callbackPrefix());
    const page = await browser.request(url('/admin'));
    expect(page.status).toBe(403);
    expect(page.body).toContain('only for members of the admin group');
    const api = await browser.request(url('/api/admin'), { accept: 'application/json' });
    expect(api.status).toBe(403);
    expect(JSON.parse(api.body)).toMatchObject({ statusCode: 403, error: 'Forbidden' });
  });

  it('sends an anonymous user to sign in first', async () => {
    const browser = new Browser();
    const page = await browser.request(url('/admin'));
    expect(page.status).toBe(302);
    expect(page.location).toBe(url('/login?returnTo=%2Fadmin'));
    const api = await browser.request(url('/api/admin'), { accept: 'application/json' });
    expect(api.status).toBe(401);
  });
});
