import { isIPv6 } from 'node:net';
import type { RedisConnectionSettings, RedisNode, RedisTopology } from './app-config';
import { type ReadVariable, readBoolean, readWholeNumber } from './value-readers';

export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 2_000;
/** The longest a Node timer waits: a longer one fires at once, failing every command. */
const MAX_TIMER_MS = 2_147_483_647;
const URL_EXAMPLE = 'REDIS_URL=redis://redis.internal:6379';
const CLUSTER_EXAMPLE = 'REDIS_CLUSTER_NODES=10.0.0.1:6379,10.0.0.2:6379,10.0.0.3:6379';
const SENTINELS_EXAMPLE = 'REDIS_SENTINELS=10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379';
const SENTINEL_NAME_EXAMPLE = 'REDIS_SENTINEL_NAME=mymaster';
const TOPOLOGY_VARIABLES = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;
/** What means nothing without one of TOPOLOGY_VARIABLES. */
const REDIS_ONLY_VARIABLES = [
  'REDIS_SENTINEL_NAME',
  'REDIS_SENTINEL_PASSWORD',
  'REDIS_USERNAME',
  'REDIS_PASSWORD',
  'REDIS_TLS',
  'REDIS_COMMAND_TIMEOUT_MS',
] as const;

/**
 * Redis as the environment describes it: exactly one of REDIS_URL, REDIS_CLUSTER_NODES or
 * REDIS_SENTINELS (with REDIS_SENTINEL_NAME), plus the credentials, TLS and command timeout
 * they share; `undefined` when none of the three is set (sessions in memory).
 */
export function readRedisSettings(
  read: ReadVariable,
  problems: string[],
): RedisConnectionSettings | undefined {
  const given = TOPOLOGY_VARIABLES.filter((name) => read(name) !== undefined);
  if (given.length === 0) {
    for (const name of REDIS_ONLY_VARIABLES) {
      if (read(name) !== undefined) {
        problems.push(
          `${name}: only means something with REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS. Example: ${URL_EXAMPLE}`,
        );
      }
    }
    return undefined;
  }
  if (given.length > 1) {
    problems.push(
      `${given.join(', ')}: set only one of REDIS_URL (one endpoint), REDIS_CLUSTER_NODES (a Cluster) or REDIS_SENTINELS (Sentinel). Example: ${URL_EXAMPLE}`,
    );
  }
  const topology = readTopology(read, given[0], problems);
  const tls = readBoolean('REDIS_TLS', read('REDIS_TLS'), problems) ?? false;
  if (tls && topology.mode === 'single') {
    problems.push(
      'REDIS_TLS: for REDIS_CLUSTER_NODES and REDIS_SENTINELS only; with REDIS_URL, use a rediss:// URL. Example: REDIS_URL=rediss://redis.internal:6380',
    );
  }
  const sentinelPassword = read('REDIS_SENTINEL_PASSWORD');
  if (sentinelPassword !== undefined && topology.mode !== 'sentinel') {
    problems.push(
      `REDIS_SENTINEL_PASSWORD: only means something with REDIS_SENTINELS. Example: ${SENTINELS_EXAMPLE}`,
    );
  }
  return {
    ...topology,
    username: read('REDIS_USERNAME'),
    password: read('REDIS_PASSWORD'),
    sentinelPassword,
    tls,
    commandTimeoutMs: readWholeNumber(
      'REDIS_COMMAND_TIMEOUT_MS',
      read('REDIS_COMMAND_TIMEOUT_MS'),
      {
        fallback: DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
        min: 1,
        max: MAX_TIMER_MS,
        example: DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
      },
      problems,
    ),
  };
}

function readTopology(
  read: ReadVariable,
  variable: (typeof TOPOLOGY_VARIABLES)[number],
  problems: string[],
): RedisTopology {
  const value = read(variable) ?? '';
  if (variable === 'REDIS_URL') {
    if (!URL.canParse(value) || !/^rediss?:$/.test(new URL(value).protocol)) {
      problems.push(
        `REDIS_URL: must be a redis:// or rediss:// URL; got "${withoutCredentials(value)}". Example: ${URL_EXAMPLE}`,
      );
    } else if (!/^\/?(\d+)?$/.test(new URL(value).pathname)) {
      // node-redis reads the path as the database to SELECT, and stops the app on anything else.
      problems.push(
        `REDIS_URL: its path, if any, must be a database number; got "${withoutCredentials(value)}". Example: REDIS_URL=redis://redis.internal:6379/2`,
      );
    } else if (!hasDecodableCredentials(new URL(value))) {
      problems.push(
        `REDIS_URL: its user name and password must be URL-encoded (% as %25, @ as %40); got "${withoutCredentials(value)}". Example: REDIS_URL=redis://app:p%40ss@redis.internal:6379`,
      );
    }
  }
  const name = read('REDIS_SENTINEL_NAME');
  if (variable !== 'REDIS_SENTINELS' && name !== undefined) {
    problems.push(
      `REDIS_SENTINEL_NAME: only means something with REDIS_SENTINELS. Example: ${SENTINELS_EXAMPLE}`,
    );
  }
  if (variable === 'REDIS_URL') return { mode: 'single', url: value };
  if (variable === 'REDIS_CLUSTER_NODES') {
    return { mode: 'cluster', nodes: readNodes(variable, value, CLUSTER_EXAMPLE, problems) };
  }
  if (name === undefined) {
    problems.push(
      `REDIS_SENTINEL_NAME: required with REDIS_SENTINELS, the name the sentinels monitor the primary by. Example: ${SENTINEL_NAME_EXAMPLE}`,
    );
  }
  return {
    mode: 'sentinel',
    sentinels: readNodes(variable, value, SENTINELS_EXAMPLE, problems),
    name: name ?? '',
  };
}

/** Whether the URL's credentials decode, as the connection decodes them (`endpointOf`). */
function hasDecodableCredentials({ username, password }: URL): boolean {
  try {
    decodeURIComponent(username);
    decodeURIComponent(password);
    return true;
  } catch {
    return false;
  }
}

/** A host name: labels of letters, digits, `_` and inner `-`, joined by dots. */
const HOST_NAME = /^[a-z\d_](?:[a-z\d_-]*[a-z\d_])?(?:\.[a-z\d_](?:[a-z\d_-]*[a-z\d_])?)*$/i;

/**
 * `host:port,host:port`: each with a port from 1 to 65535, an IPv6 host in brackets, and no node
 * named twice (host names compared in lower case, IPv6 addresses in their shortest form).
 */
function readNodes(
  variable: string,
  value: string,
  example: string,
  problems: string[],
): RedisNode[] {
  const nodes: RedisNode[] = [];
  const seen = new Set<string>();
  for (const entry of value.split(',').map((part) => part.trim())) {
    const match = /^(?:\[([^\]]*)\]|([^:[\]]+)):(\d{1,5})$/.exec(entry);
    const host = match && (match[1] !== undefined ? ipv6Host(match[1]) : nameHost(match[2]));
    const port = Number(match?.[3]);
    if (!host || port < 1 || port > 65_535) {
      problems.push(
        `${variable}: must be a comma-separated list of host:port; got "${withoutCredentials(entry)}". Example: ${example}`,
      );
      continue;
    }
    const key = isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
    if (seen.has(key)) {
      problems.push(`${variable}: names ${key} twice. Example: ${example}`);
      continue;
    }
    seen.add(key);
    nodes.push({ host, port });
  }
  return nodes;
}

/** An IPv6 address in its shortest lower-case form, or `undefined` for anything else. */
function ipv6Host(address: string): string | undefined {
  const url = `redis://[${address}]`;
  return isIPv6(address) && URL.canParse(url) ? new URL(url).hostname.slice(1, -1) : undefined;
}

function nameHost(name: string): string | undefined {
  return HOST_NAME.test(name) ? name.toLowerCase() : undefined;
}

/**
 * A value as it may appear in a message: never with its password. Everything up to the last `@`
 * goes, since a password that is not URL-encoded may itself hold a `/` or an `@`.
 */
function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z\d+.-]*:\/\/)?.*@/is, '$1***@');
}
