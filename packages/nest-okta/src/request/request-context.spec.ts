import type { Request } from 'express';
import {
  basePathOf,
  requestedPath,
  routeUrl,
  setRequestContext,
  withinTenant,
} from './request-context';
import { NO_ROUTE_PREFIX, type RoutePrefix } from './route-prefix';

const APP_PREFIX: RoutePrefix = {
  prefix: '/app',
  isExcluded: (path) => path === '/health',
};

function request(
  originalUrl: string,
  tenantSegment = '',
  routePrefix: RoutePrefix = NO_ROUTE_PREFIX,
): Request {
  const req = { originalUrl } as Request;
  setRequestContext(req, {
    tenant: tenantSegment.slice(3) || undefined,
    tenantSegment,
    routePrefix,
  });
  return req;
}

describe('paths as the client reaches them', () => {
  it("puts a route under the tenant's segment, and the global prefix before it", () => {
    expect(routeUrl(request('/t/acme/x', '/t/acme'), '/login')).toBe('/t/acme/login');
    expect(routeUrl(request('/x'), '/login')).toBe('/login');
    expect(routeUrl(request('/app/x', '', APP_PREFIX), '/login')).toBe('/app/login');
    expect(routeUrl(request('/app/t/acme/x', '/t/acme', APP_PREFIX), '/login')).toBe(
      '/app/t/acme/login',
    );
  });

  it('leaves the global prefix off routes excluded from it', () => {
    expect(routeUrl(request('/app/x', '', APP_PREFIX), '/health')).toBe('/health');
    expect(routeUrl(request('/app/t/acme/x', '/t/acme', APP_PREFIX), '/health')).toBe(
      '/t/acme/health',
    );
  });

  it("gives the app's root as the prefix itself, and within a tenant as its home", () => {
    expect(routeUrl(request('/app/x', '', APP_PREFIX), '/')).toBe('/app');
    expect(routeUrl(request('/x'), '/')).toBe('/');
    expect(routeUrl(request('/app/t/acme/x', '/t/acme', APP_PREFIX), '/')).toBe('/app/t/acme/');
  });

  it('starts links from the prefix and the segment', () => {
    const acme = { tenant: 'acme', tenantSegment: '/t/acme', routePrefix: APP_PREFIX };
    expect(basePathOf(acme)).toBe('/app/t/acme');
    expect(basePathOf({ tenant: undefined, tenantSegment: '', routePrefix: NO_ROUTE_PREFIX })).toBe(
      '',
    );
  });
});

describe('the page a request asked for', () => {
  it("is a path of the app: the tenant's segment out, the global prefix kept", () => {
    expect(requestedPath(request('/t/acme/profile?tab=1', '/t/acme'))).toBe('/profile?tab=1');
    expect(requestedPath(request('/t/acme?tab=1', '/t/acme'))).toBe('/?tab=1');
    expect(requestedPath(request('/profile'))).toBe('/profile');
    expect(requestedPath(request('/app/t/acme/profile', '/t/acme', APP_PREFIX))).toBe(
      '/app/profile',
    );
    expect(requestedPath(request('/app/profile', '', APP_PREFIX))).toBe('/app/profile');
  });

  it('goes back under the segment, after the prefix, where it was taken out', () => {
    const acme = request('/app/t/acme/x', '/t/acme', APP_PREFIX);
    expect(withinTenant(acme, '/app/profile?tab=1')).toBe('/app/t/acme/profile?tab=1');
    expect(withinTenant(acme, '/app')).toBe('/app/t/acme/');
    expect(withinTenant(acme, '/health')).toBe('/t/acme/health');
    expect(withinTenant(acme, '/application')).toBe('/t/acme/application');
    expect(withinTenant(request('/x'), '/profile')).toBe('/profile');
  });
});
