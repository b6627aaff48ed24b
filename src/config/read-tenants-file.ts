import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readTenantEntry } from './read-tenant-entry';
import {
  TENANT_PATH_PREFIX,
  type TenantResolution,
  type TenantsConfig,
  type TenantSettings,
} from './tenants-config';

/** Tenant ids become host names or path segments, so they are lowercase DNS labels. */
const TENANT_ID = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DOMAIN =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;
const TOP_LEVEL = ['resolution', 'baseDomain', 'tenants'];
const FILE_EXAMPLE =
  '{ "resolution": "host", "baseDomain": "localhost:8080", "tenants": { "acme": {}, "globex": {} } }';

export interface TenantsFileContext {
  production: boolean;
  /** APP_BASE_URL's origin: the scheme of every tenant's address, and its default domain. */
  appBaseUrl: string;
}

/**
 * Reads `TENANTS_FILE` at start-up: every tenant's Okta org and app integration, and how a
 * request names its tenant. Each problem names the file, the tenant and the setting, with an
 * example, and is added to `problems` so that one restart fixes them all.
 */
export function readTenantsFile(
  file: string,
  { production, appBaseUrl }: TenantsFileContext,
  problems: string[],
): TenantsConfig | undefined {
  const json = readJson(file, problems);
  if (json === undefined) return undefined;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push(`${file}: must hold a JSON object of tenants. Example: ${FILE_EXAMPLE}`);
    return undefined;
  }
  const settings = json as Record<string, unknown>;
  for (const key of Object.keys(settings).filter((name) => !TOP_LEVEL.includes(name))) {
    problems.push(
      `${file}: unknown setting "${key}"; the file holds ${TOP_LEVEL.map((name) => `"${name}"`).join(', ')}, and each tenant's settings go under "tenants". Example: ${FILE_EXAMPLE}`,
    );
  }
  const resolution = readResolution(file, settings.resolution, problems);
  const baseDomain = readBaseDomain(file, settings.baseDomain, resolution, appBaseUrl, problems);
  const entries = readTenantEntries(file, settings.tenants, problems);

  const tenants = new Map<string, TenantSettings>();
  for (const [id, entry] of entries) {
    if (!TENANT_ID.test(id)) {
      const lower = id.toLowerCase();
      const example = TENANT_ID.test(lower) ? lower : 'acme';
      problems.push(
        `${file}, tenant "${id}": a tenant id must be a lowercase DNS label (a–z, 0–9 and inner hyphens, at most 63 characters), since it becomes a host name or a path segment. Example: "${example}"`,
      );
      continue;
    }
    const baseUrl =
      resolution === 'host'
        ? `${new URL(appBaseUrl).protocol}//${id}.${baseDomain}`
        : `${appBaseUrl}${TENANT_PATH_PREFIX}/${id}`;
    const tenant = readTenantEntry(id, entry, { file, production, baseUrl }, problems);
    if (tenant) tenants.set(id, tenant);
  }
  return { file, resolution, baseDomain, tenants };
}

function readJson(file: string, problems: string[]): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `no such file in ${process.cwd()}` : (code ?? 'unreadable');
    problems.push(
      `TENANTS_FILE: cannot read "${file}" (${reason}). Example: TENANTS_FILE=tenants.example.json`,
    );
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push(
      `${file}: is not valid JSON (${whereJsonFails(text, error)}). Example: ${FILE_EXAMPLE}`,
    );
    return undefined;
  }
}

/**
 * Where the parser stopped, as a line and column. Some of V8's messages quote the text around
 * the mistake, which may be a client secret, so only those that quote nothing are kept.
 */
function whereJsonFails(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const located = /^(.*) in JSON at position (\d+)/.exec(message);
  if (!located) return /^Unexpected end/.test(message) ? 'it ends too early' : 'a syntax error';
  const before = text.slice(0, Number(located[2])).split('\n');
  return `${located[1]} at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

function readResolution(file: string, value: unknown, problems: string[]): TenantResolution {
  if (value === undefined || value === 'host' || value === 'path') return value ?? 'host';
  const got = typeof value === 'string' ? `; got "${value}"` : '';
  problems.push(
    `${file}, "resolution": must be "host" (acme.example.com) or "path" (/t/acme/…)${got}. Example: "resolution": "host"`,
  );
  return 'host';
}

function readBaseDomain(
  file: string,
  value: unknown,
  resolution: TenantResolution,
  appBaseUrl: string,
  problems: string[],
): string | undefined {
  const report = (message: string) =>
    problems.push(
      `${file}, "baseDomain": ${message}. Example: "baseDomain": "localhost:8080" (tenants at acme.localhost:8080)`,
    );
  const appUrl = new URL(appBaseUrl);
  if (resolution === 'path') {
    if (value !== undefined) {
      report('applies to "resolution": "host" only; remove it, or set "resolution": "host"');
    }
    return undefined;
  }
  if (value === undefined) return appUrl.host;
  if (typeof value !== 'string' || !DOMAIN.test(value)) {
    const hint =
      typeof value === 'string' && value.includes('://') ? ' without a scheme or path' : '';
    const got = typeof value === 'string' ? `; got "${value}"` : '';
    report(`must be a lowercase domain name, with an optional port,${hint}${got}`);
    return appUrl.host;
  }
  const hostname = value.replace(/:\d+$/, '');
  const port = /:(\d+)$/.exec(value)?.[1] ?? '';
  if (/^[\d.]+$/.test(hostname)) {
    report(`must be a domain name, not an IP address (acme.${hostname} names no host)`);
  } else if (appUrl.protocol === 'http:' && !/(^|\.)localhost$/.test(hostname)) {
    report(
      `APP_BASE_URL is plain http, which is allowed only for localhost, so tenants must live under localhost; got "${value}"`,
    );
  } else if (port !== appUrl.port) {
    // Tenants live at {tenant}.{baseDomain} on the app's own server: another port is no host of it.
    report(
      `its port ("${port || 'none'}") must be APP_BASE_URL's ("${appUrl.port || 'none'}"), the port the app listens on; leave "baseDomain" out to follow APP_BASE_URL, or set "${hostname}${appUrl.port ? `:${appUrl.port}` : ''}"`,
    );
  }
  return value;
}

function readTenantEntries(file: string, value: unknown, problems: string[]): [string, unknown][] {
  const entries =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.entries(value)
      : [];
  if (entries.length === 0) {
    problems.push(
      `${file}, "tenants": must be an object with at least one tenant, by id. Example: ${FILE_EXAMPLE}`,
    );
  }
  return entries;
}
