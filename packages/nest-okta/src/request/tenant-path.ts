/** Under path resolution, a tenant's pages live under `/t/{tenant}`. */
export const TENANT_PATH_PREFIX = '/t';

/** A tenant id is a DNS label: it is a host name's first part, or this path segment. */
export const TENANT_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * What a request's path says about its tenant: none (no `/t/` prefix), a tenant with the rest
 * of the path, a segment that cannot be a tenant id, or a path no browser sends (dot segments,
 * empty segments, broken percent-encoding), which could otherwise end up at another tenant
 * once something downstream normalises it.
 */
export type TenantPath =
  | { kind: 'none' }
  | { kind: 'tenant'; id: string; prefix: string; rest: string }
  | { kind: 'unknown' }
  | { kind: 'malformed' };

/**
 * Reads `/t/{tenant}/...` from a request target as the client sent it (`req.url`). The tenant
 * segment must already be the canonical id: `ACME`, `%61cme` or `acme%2Fx` name no tenant,
 * so one tenant is only ever reached by one spelling.
 */
export function parseTenantPath(url: string): TenantPath {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (path !== TENANT_PATH_PREFIX && !path.startsWith(`${TENANT_PATH_PREFIX}/`)) {
    return { kind: 'none' };
  }
  const segments = path.split('/');
  if (segments.slice(1, -1).some((segment) => segment === '')) return { kind: 'malformed' };
  for (const segment of segments) {
    const text = decodedSegment(segment);
    if (text === undefined || text === '.' || text === '..') return { kind: 'malformed' };
  }
  const id = segments[2];
  if (id === undefined || !TENANT_ID.test(id)) return { kind: 'unknown' };
  const prefix = `${TENANT_PATH_PREFIX}/${id}`;
  return { kind: 'tenant', id, prefix, rest: `/${segments.slice(3).join('/')}` };
}

function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
