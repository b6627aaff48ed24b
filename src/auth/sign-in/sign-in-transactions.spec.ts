import type { Request } from 'express';
import { SignInTransactions } from './sign-in-transactions';

const TTL_MS = 600_000;
const signInTransactions = new SignInTransactions(TTL_MS);

function requestWithSession(): Request {
  return { session: {} } as unknown as Request;
}

const transaction = { nonce: 'n', codeVerifier: 'v', returnTo: '/profile' };

describe('signInTransactions', () => {
  afterEach(() => jest.useRealTimers());

  it('hands back the transaction for its state exactly once', () => {
    const req = requestWithSession();
    const state = signInTransactions.begin(req, transaction);
    expect(signInTransactions.consume(req, state)).toMatchObject(transaction);
    expect(signInTransactions.consume(req, state)).toBeUndefined();
  });

  it('keeps several pending sign-ins apart, one per tab', () => {
    const req = requestWithSession();
    const first = signInTransactions.begin(req, { ...transaction, returnTo: '/a' });
    const second = signInTransactions.begin(req, { ...transaction, returnTo: '/b' });
    expect(first).not.toBe(second);
    expect(signInTransactions.consume(req, second)?.returnTo).toBe('/b');
    expect(signInTransactions.consume(req, first)?.returnTo).toBe('/a');
  });

  it('finds nothing for an unknown, missing or non-string state', () => {
    const req = requestWithSession();
    signInTransactions.begin(req, transaction);
    for (const state of ['nope', undefined, ['a'], '__proto__', 'constructor']) {
      expect(signInTransactions.consume(req, state)).toBeUndefined();
    }
  });

  it('lets a transaction expire', () => {
    jest.useFakeTimers();
    const req = requestWithSession();
    const state = signInTransactions.begin(req, transaction);
    jest.advanceTimersByTime(TTL_MS + 1);
    expect(signInTransactions.consume(req, state)).toBeUndefined();
  });

  it('treats tampered stored entries as no transaction', () => {
    const req = requestWithSession();
    const state = signInTransactions.begin(req, transaction);
    (req.session.signInTransactions as Record<string, unknown>)[state] = { nonce: 1 };
    expect(signInTransactions.consume(req, state)).toBeUndefined();
    (req.session as unknown as Record<string, unknown>).signInTransactions = 'garbage';
    expect(signInTransactions.consume(req, state)).toBeUndefined();
    expect(() => signInTransactions.begin(req, transaction)).not.toThrow();
  });

  it('bounds how many sign-ins may be pending in one session', () => {
    const req = requestWithSession();
    const states = Array.from({ length: 20 }, () => signInTransactions.begin(req, transaction));
    expect(Object.keys(req.session.signInTransactions ?? {})).toHaveLength(5);
    expect(signInTransactions.consume(req, states[19])).toBeDefined();
    expect(signInTransactions.consume(req, states[0])).toBeUndefined();
  });
});
