import type { Request } from 'express';
import { setRequestContext } from './request-context';
import { NO_ROUTE_PREFIX, type RoutePrefix } from './route-prefix';
import { returnToWithinTenant } from './tenant-return-to';

const underAcme = (routePrefix: RoutePrefix = NO_ROUTE_PREFIX) => {
  const req = {} as Request;
  setRequestContext(req, { tenant: 'acme', tenantSegment: '/t/acme', routePrefix });
  return req;
};

describe('returnToWithinTenant', () => {
  it("puts the app's paths under the tenant's prefix", () => {
    expect(returnToWithinTenant(underAcme(), '/shop?page=2#top')).toBe('/t/acme/shop?page=2#top');
    expect(returnToWithinTenant(underAcme(), undefined)).toBe('/t/acme/');
  });

  it("takes a path already under the tenant's own prefix as that page", () => {
    expect(returnToWithinTenant(underAcme(), '/t/acme/shop?page=2')).toBe('/t/acme/shop?page=2');
    expect(returnToWithinTenant(underAcme(), '/t/acme#top')).toBe('/t/acme/#top');
  });

  it("never leaves the tenant: other tenants' paths and other sites go to its home", () => {
    for (const value of [
      '/t/globex/profile',
      '/t/ACME/profile',
      '/t//x',
      '//evil.example/',
      'https://evil.example/',
      '/t/acme/../globex/',
    ]) {
      expect(returnToWithinTenant(underAcme(), value)).toMatch(/^\/t\/acme\//);
    }
    expect(returnToWithinTenant(underAcme(), '/t/globex/profile')).toBe('/t/acme/');
    // Dot segments collapse first, to Globex's prefix.
    expect(returnToWithinTenant(underAcme(), '/t/acme/../globex/')).toBe('/t/acme/');
    expect(returnToWithinTenant(underAcme(), '/../globex/')).toBe('/t/acme/globex/');
  });

  it('leaves return-to values alone for requests without a tenant prefix', () => {
    expect(returnToWithinTenant({} as Request, '/t/globex/profile')).toBe('/t/globex/profile');
  });

  it('keeps the global prefix first and the tenant after it', () => {
    const prefixed = underAcme({ prefix: '/app', isExcluded: () => false });
    expect(returnToWithinTenant(prefixed, '/app/shop?page=2')).toBe('/app/t/acme/shop?page=2');
    expect(returnToWithinTenant(prefixed, '/app/t/acme/shop')).toBe('/app/t/acme/shop');
    expect(returnToWithinTenant(prefixed, '/app/t/globex/shop')).toBe('/app/t/acme/');
    expect(returnToWithinTenant(prefixed, undefined)).toBe('/t/acme/');
  });
});
