import type { HttpSettings, LogLevel, TrustProxySetting } from './app-config';
import ipaddr from 'ipaddr.js';
import { type ReadVariable, readWholeNumber } from './value-readers';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const TRUST_PROXY_EXAMPLE = 'TRUST_PROXY=1 (one proxy in front) or TRUST_PROXY=10.0.0.0/8';

export function readHttpSettings(read: ReadVariable, problems: string[]): HttpSettings {
  return {
    trustProxy: readTrustProxy(read('TRUST_PROXY'), problems),
    signInRateLimitPerMinute: readWholeNumber(
      'SIGN_IN_RATE_LIMIT_PER_MINUTE',
      read('SIGN_IN_RATE_LIMIT_PER_MINUTE'),
      { fallback: 60, min: 1, example: 60 },
      problems,
    ),
  };
}

export function readLogLevel(value: string | undefined, problems: string[]): LogLevel {
  if (value === undefined) return 'info';
  const level = value.toLowerCase();
  if ((LOG_LEVELS as string[]).includes(level)) return level as LogLevel;
  problems.push(
    `LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}; got "${value}". Example: LOG_LEVEL=info`,
  );
  return 'info';
}

/** More hops than any real chain of proxies: a number this large trusts the client too. */
const MAX_PROXY_HOPS = 5;
/** Subnets wider than these take in the internet, not a deployment's proxies. */
const MIN_PREFIX = { ipv4: 8, ipv6: 7 };
/** Express's names for its own ranges. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Trusting every proxy (`true`) would let any client choose its own address and protocol
 * through `X-Forwarded-*`, so only a few hops and explicit proxy addresses are accepted: a
 * huge hop count or a subnet like `0.0.0.0/0` would trust every client just the same. Each
 * address is parsed by ipaddr.js (what Express's `trust proxy` uses) and handed on in its
 * canonical form, so nothing the check passes can fail later in Express.
 */
function readTrustProxy(value: string | undefined, problems: string[]): TrustProxySetting {
  if (value === undefined || /^(false|0)$/i.test(value)) return false;
  if (/^\d+$/.test(value) && Number(value) <= MAX_PROXY_HOPS) return Number(value);
  const entries = /^\d+$/.test(value) ? [] : value.split(',').map((entry) => entry.trim());
  const proxies = entries.map(proxyAddress);
  if (proxies.length === 0 || proxies.includes(undefined)) {
    problems.push(
      `TRUST_PROXY: must be a number of proxy hops from 1 to ${MAX_PROXY_HOPS}, or a comma-separated list of proxy addresses, subnets (at least /${MIN_PREFIX.ipv4} for IPv4, /${MIN_PREFIX.ipv6} for IPv6, never 0.0.0.0, :: or IPv4-mapped ranges), or loopback/linklocal/uniquelocal; got "${value}". Example: ${TRUST_PROXY_EXAMPLE}`,
    );
    return false;
  }
  return proxies as string[];
}

/** The entry in canonical form (`10.0.0.0/8`, `fd00::/8`), or `undefined` if it is refused. */
function proxyAddress(entry: string): string | undefined {
  if (NAMED_RANGES.includes(entry)) return entry;
  const [host, prefixText, ...rest] = entry.split('/');
  if (rest.length > 0 || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) return;
  if (!ipaddr.isValid(host) || host.includes('%')) return;
  const address = ipaddr.parse(host);
  const ipv4 = address.kind() === 'ipv4';
  if (ipv4 && !ipaddr.IPv4.isValidFourPartDecimal(host)) return;
  const bits = ipv4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  const widest = ipv4 ? MIN_PREFIX.ipv4 : MIN_PREFIX.ipv6;
  if (prefix < widest || prefix > bits || address.range() === 'unspecified') return;
  // IPv4-mapped ranges (::ffff:0:0/96) stand for IPv4 ones: refused rather than translated.
  if (!ipv4 && (address as ipaddr.IPv6).isIPv4MappedAddress()) return;
  const canonical = address.toString();
  return prefixText === undefined ? canonical : `${canonical}/${prefix}`;
}
