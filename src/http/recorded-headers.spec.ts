import type { RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { applyHeaders, headersSetBy } from './recorded-headers';

describe('headersSetBy', () => {
  it('records what helmet sets and removes, and applyHeaders gives a response the same', () => {
    const recorded = headersSetBy(helmet());
    expect(recorded.removed).toEqual(['X-Powered-By']);
    expect(new Map(recorded.set).get('X-Frame-Options')).toBe('SAMEORIGIN');

    const headers = new Map<string, string>([['X-Powered-By', 'Express']]);
    const res = {
      setHeader: (name: string, value: string) => headers.set(name, value),
      removeHeader: (name: string) => headers.delete(name),
    };
    applyHeaders(res as unknown as Response, recorded);
    expect(headers.has('X-Powered-By')).toBe(false);
    expect(headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(headers.size).toBe(recorded.set.length);
  });

  it('refuses a policy that depends on the request', () => {
    const perRequest = helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: { 'default-src': [(req) => (req.headers.host ? "'self'" : "'none'")] },
    }) as RequestHandler;
    expect(() => headersSetBy(perRequest)).toThrow(/read the request's headers/);
  });

  it('refuses a middleware that fails or does not pass on at once', () => {
    const failing: RequestHandler = (_req, _res, next) => next(new Error('broken'));
    const later: RequestHandler = (_req, _res, next) => void setImmediate(next);
    expect(() => headersSetBy(failing)).toThrow(/it failed: broken/);
    expect(() => headersSetBy(later)).toThrow(/did not call next\(\) at once/);
  });
});
