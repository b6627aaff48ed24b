import { cspSourceProblem, DEFAULT_WIDGET_CSP_SOURCES } from './widget-csp-sources';

describe('cspSourceProblem', () => {
  it.each([
    'https://*.hcaptcha.com',
    'https://www.google.com/recaptcha/',
    'https://api-1a2b3c4d.duosecurity.com',
    'https://example.com:8443',
    'wss://realtime.example.com',
    'http://localhost:*',
    'http://127.0.0.1:8769',
    'blob:',
    'data:',
  ])('accepts %s', (source) => {
    expect(cspSourceProblem(source)).toBeUndefined();
  });

  it.each([
    ["'unsafe-inline'", /would let injected code run/],
    ["'unsafe-eval'", /would let injected code run/],
    ["'unsafe-hashes'", /would let injected code run/],
    ["'self'", /keywords .* are not accepted/],
    ["'nonce-abc'", /keywords .* are not accepted/],
    ['*', /every host/],
    ['https:', /every host/],
    ['https://*', /every host/],
    ['http://cdn.example.com', /must use https/],
    ['ws://events.example.com', /must use https/],
    ['example.com', /not a CSP source/],
    ['https://example.com; script-src *', /not a CSP source/],
    ['https://exa mple.com', /not a CSP source/],
    ['javascript:alert(1)', /not a CSP source/],
    ['', /non-empty string/],
    [42, /non-empty string/],
  ])('refuses %p', (source, reason) => {
    expect(cspSourceProblem(source)).toMatch(reason);
  });

  it('accepts every default', () => {
    const problems = Object.values(DEFAULT_WIDGET_CSP_SOURCES)
      .flat()
      .filter((source) => cspSourceProblem(source) !== undefined);
    expect(problems).toEqual([]);
  });
});
