import { parseTenantPath } from './tenant-path';

describe('parseTenantPath', () => {
  it('reads the tenant and the rest of the path, query kept out', () => {
    expect(parseTenantPath('/t/acme/profile?tab=1')).toEqual({
      kind: 'tenant',
      id: 'acme',
      prefix: '/t/acme',
      rest: '/profile',
    });
    expect(parseTenantPath('/t/acme')).toMatchObject({ kind: 'tenant', rest: '/' });
    expect(parseTenantPath('/t/acme/')).toMatchObject({ kind: 'tenant', rest: '/' });
    expect(parseTenantPath('/t/acme?x=/t/globex')).toMatchObject({ id: 'acme', rest: '/' });
    expect(parseTenantPath('/t/a-1/shop/orders/')).toMatchObject({
      id: 'a-1',
      rest: '/shop/orders/',
    });
  });

  it('names no tenant for paths outside /t/', () => {
    for (const path of ['/', '/health', '/login', '/tenants/acme', '/T/acme/']) {
      expect(parseTenantPath(path)).toEqual({ kind: 'none' });
    }
  });

  it('accepts only the canonical spelling of a tenant id', () => {
    for (const path of [
      '/t/ACME/',
      '/t/%61cme/',
      '/t/acme%2Fx/',
      '/t/-acme/',
      '/t/a.b/',
      '/t/',
      '/t?x=1',
    ]) {
      expect(parseTenantPath(path)).toEqual({ kind: 'unknown' });
    }
  });

  it('refuses dot segments, empty segments and broken escapes anywhere in the path', () => {
    for (const path of [
      '/t/acme/../globex/',
      '/t/acme/./login',
      '/t/acme/%2e%2E/globex',
      '/t/%2e%2e/acme',
      '/t//login',
      '/t/acme//login',
      '/t/acme/%E0%A4%A/',
    ]) {
      expect(parseTenantPath(path)).toEqual({ kind: 'malformed' });
    }
  });
});
