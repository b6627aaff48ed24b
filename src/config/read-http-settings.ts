import type { HttpSettings, LogLevel, TrustProxySetting } from './app-config';
import { ReadVariable, readWholeNumber } from './value-readers';

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

/**
 * Trusting every proxy (`true`) would let any client choose its own address and protocol
 * through `X-Forwarded-*`, so only hop counts and explicit addresses are accepted.
 */
function readTrustProxy(value: string | undefined, problems: string[]): TrustProxySetting {
  if (value === undefined || /^(false|0)$/i.test(value)) return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const valid = entries.every(
    (entry) =>
      ['loopback', 'linklocal', 'uniquelocal'].includes(entry) ||
      /^[\d.]+(\/\d{1,2})?$/.test(entry) ||
      /^[\da-f:]+(\/\d{1,3})?$/i.test(entry),
  );
  if (!valid || /^true$/i.test(value)) {
    problems.push(
      `TRUST_PROXY: must be a number of proxy hops or a comma-separated list of proxy addresses, subnets, or loopback/linklocal/uniquelocal; got "${value}". Example: ${TRUST_PROXY_EXAMPLE}`,
    );
    return false;
  }
  return entries;
}
