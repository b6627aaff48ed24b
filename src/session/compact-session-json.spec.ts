import session from 'express-session';
import { compactSessionJson } from './compact-session-json';

// express-session's Cookie takes the cookie options; its type declarations leave them out.
const Cookie = session.Cookie as unknown as new (options: session.CookieOptions) => session.Cookie;

function sessionCookie(options: session.CookieOptions): session.Cookie {
  return new Cookie(options);
}

describe('compactSessionJson', () => {
  it("writes the cookie as an array and reads back what express-session's JSON holds", () => {
    const cookie = sessionCookie({
      maxAge: 7_200_000,
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
    });
    const stored = { cookie, signIns: [['seed', '/', 1]] };
    const text = compactSessionJson.stringify(stored);
    expect(text).not.toContain('originalMaxAge');
    expect(text.length).toBeLessThan(JSON.stringify(stored).length - 70);
    expect(compactSessionJson.parse(text)).toEqual(JSON.parse(JSON.stringify(stored)));
  });

  it('keeps a cookie without an expiry (a browser-session cookie) as it was', () => {
    const stored = { cookie: sessionCookie({ httpOnly: true, path: '/' }) };
    const text = compactSessionJson.stringify(stored);
    expect(compactSessionJson.parse(text)).toEqual(JSON.parse(JSON.stringify(stored)));
  });

  it('writes a cookie with attributes the array has no place for in the plain form', () => {
    const stored = { cookie: sessionCookie({ maxAge: 1000, domain: 'example.com' }) };
    const text = compactSessionJson.stringify(stored);
    expect(text).toBe(JSON.stringify(stored));
    expect(compactSessionJson.parse(text)).toEqual(JSON.parse(text));
  });

  it('reads entries written in the plain form as they are', () => {
    const plain = JSON.stringify({ cookie: sessionCookie({ maxAge: 1000 }), user: 'x' });
    expect(compactSessionJson.parse(plain)).toEqual(JSON.parse(plain));
  });

  it('leaves what is not a session for the store check to refuse', () => {
    expect(compactSessionJson.parse('5')).toEqual({});
    expect(() => compactSessionJson.parse('not json')).toThrow(SyntaxError);
    const odd = compactSessionJson.parse('{"cookie":["x","y",1,2,3,4]}');
    expect(odd.cookie).toMatchObject({ originalMaxAge: 'x', expires: null });
  });
});
