import { Browser } from './support/browser';
import { ALICE, signIn } from './support/sign-in';
import { startStack, type Stack } from './support/stack';

/** Okta's three access modes, with AuthModule's global guard on (the default) and off. */
describe.each([
  { globalAuthGuard: true, ordersAnonymously: 302 },
  { globalAuthGuard: false, ordersAnonymously: 200 },
])(
  'Access modes with globalAuthGuard: $globalAuthGuard',
  ({ globalAuthGuard, ordersAnonymously }) => {
    let stack: Stack;
    const url = (path: string) => `${stack.baseUrl}${path}`;

    beforeAll(async () => {
      stack = await startStack({ globalAuthGuard });
    });
    afterAll(() => stack.close());

    it.each([
      ['/', 200],
      ['/shop', 200],
      ['/health', 200],
      ['/shop/orders', ordersAnonymously],
      ['/shop/checkout', 302],
      ['/profile', 302],
    ])('answers an anonymous GET %s with %i', async (path, status) => {
      const page = await new Browser().request(url(path));
      expect(page.status).toBe(status);
      if (status === 302)
        expect(page.location).toBe(url(`/login?returnTo=${encodeURIComponent(path)}`));
    });

    it('answers anonymous API requests to protected routes with 401 JSON', async () => {
      const api = new Browser('application/json');
      for (const path of ['/api/me', '/profile', '/shop/checkout']) {
        const page = await api.request(url(path));
        expect(page.status).toBe(401);
        expect(JSON.parse(page.body)).toMatchObject({
          statusCode: 401,
          message: 'Sign in to continue.',
        });
      }
    });

    it('lets a signed-in user into every protected route, landing on the deep link asked for', async () => {
      const browser = new Browser();
      const landed = await signIn(
        browser,
        url('/shop/checkout'),
        ALICE,
        url('/authorization-code/callback'),
      );
      expect(landed.url).toBe(url('/shop/checkout'));
      expect(landed.status).toBe(200);
      expect(landed.body).toContain('Checkout');
      for (const path of ['/shop/orders', '/profile']) {
        expect((await browser.request(url(path))).status).toBe(200);
      }
    });
  },
);
