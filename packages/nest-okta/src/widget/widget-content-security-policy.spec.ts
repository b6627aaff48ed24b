import { widgetContentSecurityPolicy } from './widget-content-security-policy';
import { DEFAULT_WIDGET_CSP_SOURCES, type WidgetCspSources } from '../options/widget-csp-sources';

const ISSUER = 'https://dev-123456.okta.com/oauth2/default';
const NONE: WidgetCspSources = {
  scriptSrc: [],
  styleSrc: [],
  frameSrc: [],
  connectSrc: [],
  imgSrc: [],
  workerSrc: [],
};

/** The policy as directive name → its sources. */
function parse(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name, sources];
    }),
  );
}

describe('widgetContentSecurityPolicy', () => {
  it("allows the page's own files, its nonce and the Okta org, and nothing else without extras", () => {
    const policy = parse(widgetContentSecurityPolicy(ISSUER, 'n0nce', NONE));
    expect(policy).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", "'nonce-n0nce'"],
      'style-src': ["'self'", "'nonce-n0nce'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'", 'https://dev-123456.okta.com'],
      'frame-src': ["'self'"],
      'worker-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'frame-ancestors': ["'none'"],
      'form-action': ["'self'", 'https://dev-123456.okta.com'],
    });
  });

  it('adds by default what real Identity Engine orgs serve in the widget', () => {
    const policy = parse(widgetContentSecurityPolicy(ISSUER, 'n0nce', DEFAULT_WIDGET_CSP_SOURCES));
    expect(policy['script-src']).toEqual([
      "'self'",
      "'nonce-n0nce'",
      'https://hcaptcha.com',
      'https://*.hcaptcha.com',
      'https://www.google.com/recaptcha/',
      'https://www.gstatic.com/recaptcha/',
    ]);
    expect(policy['frame-src']).toContain('https://*.duosecurity.com');
    expect(policy['frame-src']).toContain('https://www.google.com/recaptcha/');
    expect(policy['connect-src']).toContain('http://localhost:*');
    expect(policy['img-src']).toContain('https://*.oktacdn.com');
    expect(policy['worker-src']).toEqual(["'self'", 'blob:']);
    expect(Object.values(policy).flat()).not.toContain("'unsafe-inline'");
    expect(Object.values(policy).flat()).not.toContain("'unsafe-eval'");
  });

  it('adds the sources given for each directive once', () => {
    const policy = parse(
      widgetContentSecurityPolicy(ISSUER, 'n0nce', {
        ...NONE,
        connectSrc: ['https://dev-123456.okta.com', 'https://api.example.com'],
        imgSrc: ['https://logos.example.com'],
      }),
    );
    expect(policy['connect-src']).toEqual([
      "'self'",
      'https://dev-123456.okta.com',
      'https://api.example.com',
    ]);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'https://logos.example.com']);
  });
});
