import type { HttpSettings, LogLevel, TrustProxySetting } from './app-config';
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

/**
 * Trusting every proxy (`true`) would let any client choose its own address and protocol
 * through `X-Forwarded-*`, so only a few hops and explicit proxy addresses are accepted: a
 * huge hop count or a subnet like `0.0.0.0/0` would trust every client just the same.
 */
function readTrustProxy(value: string | undefined, problems: string[]): TrustProxySetting {
  if (value === undefined || /^(false|0)$/i.test(value)) return false;
  if (/^\d+$/.test(value) && Number(value) <= MAX_PROXY_HOPS) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const valid = !/^\d+$/.test(value) && entries.every(isProxyAddress);
  if (!valid || /^true$/i.test(value)) {
    problems.push(
      `TRUST_PROXY: must be a number of proxy hops from 1 to ${MAX_PROXY_HOPS}, or a comma-separated list of proxy addresses, subnets (at least /${MIN_PREFIX.ipv4} for IPv4, /${MIN_PREFIX.ipv6} for IPv6, never 0.0.0.0, :: or IPv4-mapped ranges), or loopback/linklocal/uniquelocal; got "${value}". Example: ${TRUST_PROXY_EXAMPLE}`,
    );
    return false;
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const ipv4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(entry);
  if (ipv4) {
    const octets = ipv4[1].split('.').map(Number);
    const prefix = ipv4[2] === undefined ? 32 : Number(ipv4[2]);
    return (
      octets.every((octet) => octet <= 255) &&
      octets.some((octet) => octet !== 0) &&
      prefix >= MIN_PREFIX.ipv4 &&
      prefix <= 32
    );
  }
  const ipv6 = /^([\da-f:]+)(?:\/(\d{1,3}))?$/i.exec(entry);
  // IPv4-mapped ranges (::ffff:0:0/96) stand for IPv4 ones: refused rather than translated.
  if (ipv6 && /^(0{0,4}:){0,5}:?ffff:/i.test(ipv6[1])) return false;
  if (ipv6 && ipv6[1].includes(':')) {
    const prefix = ipv6[2] === undefined ? 128 : Number(ipv6[2]);
    return /[1-9a-f]/i.test(ipv6[1]) && prefix >= MIN_PREFIX.ipv6 && prefix <= 128;
  }
  return false;
}
