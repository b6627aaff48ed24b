import type { Request } from 'express';
import { SignInTransactions } from './sign-in-transactions';

const TTL_MS = 600_000;
const signInTransactions = new SignInTransactions(TTL_MS);

const many = () => Array.from({ length: 100_000 }, () => ['a-seed', '/', Date.now() + TTL_MS]);

/** `depth` arrays, each holding the next. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

function requestWithSession(): Request {
  return { session: {} } as unknown as Request;
}

describe('signInTransactions', () => {
  afterEach(() => jest.useRealTimers());

  it('hands back the transaction for its state exactly once', () => {
    const req = requestWithSession();
    const { state, transaction } = signInTransactions.begin(req, '/profile');
    expect(signInTransactions.consume(req, state)).toEqual(transaction);
    expect(signInTransactions.consume(req, state)).toBeUndefined();
    expect(req.session.signIns).toBeUndefined();
  });

  it('gives every sign-in its own state, nonce and a valid PKCE verifier', () => {
    const req = requestWithSession();
    const first = signInTransactions.begin(req, '/');
    const second = signInTransactions.begin(req, '/');
    const values = [first, second].flatMap(({ state, transaction }) => [
      state,
      transaction.nonce,
      transaction.codeVerifier,
    ]);
    expect(new Set(values).size).toBe(6);
    expect(first.transaction.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stores only a seed per sign-in, from which nothing that left the server can be read', () => {
    const req = requestWithSession();
    const { state, transaction } = signInTransactions.begin(req, '/profile');
    const stored = JSON.stringify(req.session.signIns);
    for (const value of [state, transaction.nonce, transaction.codeVerifier]) {
      expect(stored).not.toContain(value);
    }
    expect(req.session.signIns?.[0][0]).toHaveLength(43);
  });

  it('keeps several pending sign-ins apart, one per tab', () => {
    const req = requestWithSession();
    const first = signInTransactions.begin(req, '/a').state;
    const second = signInTransactions.begin(req, '/b').state;
    expect(signInTransactions.consume(req, second)?.returnTo).toBe('/b');
    expect(signInTransactions.consume(req, first)?.returnTo).toBe('/a');
  });

  it('leaves a pending transaction in place for the widget to resume', () => {
    const req = requestWithSession();
    const { state, transaction } = signInTransactions.begin(req, '/');
    expect(signInTransactions.pending(req, state)).toEqual(transaction);
    expect(signInTransactions.consume(req, state)).toEqual(transaction);
  });

  it('keeps the interaction the server started with its transaction, and only a string as one', () => {
    const req = requestWithSession();
    const { state } = signInTransactions.begin(req, '/profile', { maxAge: 0 });
    const other = signInTransactions.begin(req, '/');
    signInTransactions.rememberInteraction(req, state, 'the-handle');
    expect(signInTransactions.pending(req, state)).toMatchObject({
      interactionHandle: 'the-handle',
      request: { maxAge: 0 },
    });
    expect(signInTransactions.pending(req, other.state)?.interactionHandle).toBeUndefined();
    signInTransactions.rememberInteraction(req, 'no-such-state', 'lost');
    expect(req.session.signIns).toHaveLength(2);

    const [seed, returnTo, expiresAt, request] = req.session.signIns![0] as unknown[];
    req.session.signIns = [[seed, returnTo, expiresAt, request, 42]] as never;
    expect(signInTransactions.pending(req, state)).toBeUndefined();
  });

  it('finds nothing for an unknown, missing or non-string state', () => {
    const req = requestWithSession();
    signInTransactions.begin(req, '/');
    for (const state of ['nope', undefined, ['a'], '__proto__', 'constructor', '']) {
      expect(signInTransactions.consume(req, state)).toBeUndefined();
    }
    expect(req.session.signIns).toHaveLength(1);
  });

  it("finds nothing for another tenant's state, and leaves it to its own tenant", () => {
    const req = requestWithSession();
    const acme = new SignInTransactions(TTL_MS, 'acme');
    const globex = new SignInTransactions(TTL_MS, 'globex');
    const { state } = acme.begin(req, '/');
    expect(globex.consume(req, state)).toBeUndefined();
    expect(signInTransactions.consume(req, state)).toBeUndefined();
    expect(acme.consume(req, state)).toBeDefined();
  });

  it('lets a transaction expire', () => {
    jest.useFakeTimers();
    const req = requestWithSession();
    const { state } = signInTransactions.begin(req, '/');
    jest.advanceTimersByTime(TTL_MS + 1);
    expect(signInTransactions.pending(req, state)).toBeUndefined();
    expect(signInTransactions.consume(req, state)).toBeUndefined();
  });

  it('treats tampered stored entries as no transaction', () => {
    const req = requestWithSession();
    const { state } = signInTransactions.begin(req, '/');
    const seed = req.session.signIns![0][0];
    const session = req.session as unknown as Record<string, unknown>;
    session.signIns = [[seed, 1, Date.now() + TTL_MS]];
    expect(signInTransactions.consume(req, state)).toBeUndefined();
    session.signIns = { [state]: [seed, '/', Date.now() + TTL_MS] };
    expect(signInTransactions.consume(req, state)).toBeUndefined();
    session.signIns = 'garbage';
    expect(signInTransactions.consume(req, state)).toBeUndefined();
    expect(() => signInTransactions.begin(req, '/')).not.toThrow();
  });

  it.each([
    ['that expires past what a Date holds', (seed: string) => [[seed, '/', 9e15]]],
    ['beside 100,000 others', (seed: string) => [[seed, '/', Date.now() + TTL_MS], ...many()]],
    ['nested 40 levels deep', (seed: string) => [[seed, '/', Date.now() + TTL_MS], nested(40)]],
  ])('treats a stored sign-in %s as no transaction', (_case, stored) => {
    const req = requestWithSession();
    const { state } = signInTransactions.begin(req, '/');
    const seed = req.session.signIns![0][0];
    (req.session as unknown as Record<string, unknown>).signIns = stored(seed);
    expect(signInTransactions.pending(req, state)).toBeUndefined();
    expect(signInTransactions.consume(req, state)).toBeUndefined();
  });

  it('bounds how many sign-ins may be pending in one session', () => {
    const req = requestWithSession();
    const states = Array.from({ length: 20 }, () => signInTransactions.begin(req, '/').state);
    expect(req.session.signIns).toHaveLength(5);
    expect(signInTransactions.consume(req, states[19])).toBeDefined();
    expect(signInTransactions.consume(req, states[0])).toBeUndefined();
  });
});
