import { SignInException } from '../errors/auth.exceptions';
import { isSignInRequest, loginRouteRequest, signInRequestOf } from './sign-in-request';
import { SignInTransactions } from './sign-in-transactions';

describe('sign-in requests', () => {
  it('keeps what an app asks for, and whom a step-up is for', () => {
    expect(
      signInRequestOf(
        { loginHint: 'ada@acme.example', prompt: 'login', acrValues: ['phr'], maxAge: 0 },
        '00u1',
      ),
    ).toEqual({
      loginHint: 'ada@acme.example',
      prompt: 'login',
      acrValues: ['phr'],
      maxAge: 0,
      stepUpOf: '00u1',
    });
    expect(signInRequestOf({ returnTo: '/x' })).toEqual({});
  });

  it("throws on an app's mistake, naming every one", () => {
    const wrong = () =>
      signInRequestOf({
        loginHint: 'a\nb',
        prompt: 'sometimes' as never,
        acrValues: ['two words'],
        maxAge: -5,
      });
    expect(wrong).toThrow(TypeError);
    expect(wrong).toThrow(/loginHint.*prompt.*acr values.*maxAge/);
  });

  it('takes login_hint and nothing else from the login route query; a hint that is none is a 400', () => {
    expect(
      loginRouteRequest({ login_hint: 'bob@example.com', acr_values: 'phr', max_age: '0' }),
    ).toEqual({ loginHint: 'bob@example.com' });
    expect(loginRouteRequest({ prompt: 'none' })).toEqual({});
    for (const hint of [['a', 'b'], '', 'x'.repeat(257), 'bob\u0000']) {
      expect(() => loginRouteRequest({ login_hint: hint })).toThrow(SignInException);
    }
  });

  it('finds a stored request only in the shape this module writes', () => {
    expect(isSignInRequest({ acrValues: ['urn:okta:loa:2fa:any'], maxAge: 600 })).toBe(true);
    for (const tampered of [null, [], { maxAge: '0' }, { acrValues: 'phr' }, { prompt: 'x' }]) {
      expect(isSignInRequest(tampered)).toBe(false);
    }
  });

  it('travels in the transaction, never in its state, and a tampered one is no transaction', () => {
    const transactions = new SignInTransactions(600_000);
    const req = { session: {} } as never as Parameters<typeof transactions.begin>[0];
    const { state, transaction } = transactions.begin(req, '/admin', { maxAge: 0 });
    expect(transaction.request).toEqual({ maxAge: 0 });
    expect(state).not.toContain('max');
    expect(transactions.pending(req, state)?.request).toEqual({ maxAge: 0 });
    const stored = req.session.signIns![0];
    req.session.signIns = [[stored[0], stored[1], stored[2], { maxAge: -1 }]];
    expect(transactions.consume(req, state)).toBeUndefined();
  });
});
