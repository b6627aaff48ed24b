import type { SessionSettings, SessionStoreSettings } from './app-config';
import { readRedisSettings } from './read-redis-settings';
import { type ReadVariable, readBoolean, readWholeNumber } from './value-readers';

const MIN_SECRET_LENGTH = 32;
/**
 * What the secret's own characters say about its randomness (Shannon entropy of their
 * frequencies, times its length): 32 random base64url characters give about 150 bits, 32 hex
 * digits about 120, and `aaaa…` or `abab…` next to nothing.
 */
const MIN_SECRET_BITS = 100;
const SECRET_EXAMPLE =
  'SESSION_SECRET=$(node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))")';

/**
 * Defaults follow Okta's own session policy defaults: two hours idle, and a sign-in that lasts
 * a working day at most.
 */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 2 * 60 * 60;
export const DEFAULT_ABSOLUTE_TIMEOUT_SECONDS = 8 * 60 * 60;

export function readSessionSettings(
  read: ReadVariable,
  { production, baseUrl }: { production: boolean; baseUrl: string },
  generateSecret: () => string,
  problems: string[],
): SessionSettings {
  const idleTimeoutSeconds = readWholeNumber(
    'SESSION_IDLE_TIMEOUT_SECONDS',
    read('SESSION_IDLE_TIMEOUT_SECONDS'),
    { fallback: DEFAULT_IDLE_TIMEOUT_SECONDS, min: 1, example: 1800 },
    problems,
  );
  const absoluteTimeoutSeconds = readWholeNumber(
    'SESSION_MAX_AGE_SECONDS',
    read('SESSION_MAX_AGE_SECONDS'),
    { fallback: DEFAULT_ABSOLUTE_TIMEOUT_SECONDS, min: 1, example: 28800 },
    problems,
  );
  return {
    secret: readSessionSecret(read('SESSION_SECRET'), production, generateSecret, problems),
    cookieName: 'nest-okta.sid',
    // An https address means browsers reach the app over https, whatever NODE_ENV says.
    secureCookie: production || baseUrl.startsWith('https:'),
    idleTimeoutMs: Math.min(idleTimeoutSeconds, absoluteTimeoutSeconds) * 1000,
    absoluteTimeoutMs: absoluteTimeoutSeconds * 1000,
    store: readSessionStore(read, production, problems),
  };
}

function readSessionStore(
  read: ReadVariable,
  production: boolean,
  problems: string[],
): SessionStoreSettings {
  const redis = readRedisSettings(read, problems);
  const allowMemory = readBoolean('ALLOW_MEMORY_SESSIONS', read('ALLOW_MEMORY_SESSIONS'), problems);
  if (redis) return { kind: 'redis', redis };
  if (production && !allowMemory) {
    problems.push(
      'REDIS_URL: required when NODE_ENV=production (or REDIS_CLUSTER_NODES, or REDIS_SENTINELS), so that sessions survive restarts and are shared between instances. Example: REDIS_URL=redis://redis.internal:6379 (or ALLOW_MEMORY_SESSIONS=true for a single instance that may lose its sessions)',
    );
  }
  return { kind: 'memory' };
}

function readSessionSecret(
  value: string | undefined,
  production: boolean,
  generateSecret: () => string,
  problems: string[],
): string {
  if (!production) return value ?? generateSecret();
  if (value === undefined) {
    problems.push(`SESSION_SECRET: required when NODE_ENV=production. Example: ${SECRET_EXAMPLE}`);
  } else if (
    value.length < MIN_SECRET_LENGTH ||
    !looksRandom(value) ||
    /change|example|placeholder|secret|\{/i.test(value)
  ) {
    problems.push(
      `SESSION_SECRET: must be a random value of at least ${MIN_SECRET_LENGTH} characters, not a placeholder, a repeated pattern or a run like abcdef or qwerty. Example: ${SECRET_EXAMPLE}`,
    );
  }
  return value ?? '';
}

/** Keyboard rows typed in order are as guessable as `abcdef`. */
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];
const MAX_PATTERN_RUN = 5;

/**
 * A heuristic, not a proof: it refuses what people type instead of generating (one character
 * repeated, a short pattern repeated, runs like `abcdef` or `qwerty`) and what has too few
 * distinct characters to hold 100 bits.
 */
function looksRandom(value: string): boolean {
  return (
    estimatedBits(value) >= MIN_SECRET_BITS &&
    !isPeriodic(value) &&
    !hasPatternRun(value.toLowerCase())
  );
}

function isPeriodic(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    if (value.slice(period) === value.slice(0, value.length - period)) return true;
  }
  return false;
}

/** A run longer than MAX_PATTERN_RUN of neighbouring characters, alphabetic or on a keyboard. */
function hasPatternRun(value: string): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    run = Math.abs(step) === 1 || isKeyboardStep(value[i - 1], value[i]) ? run + 1 : 1;
    if (run > MAX_PATTERN_RUN) return true;
  }
  return false;
}

function isKeyboardStep(from: string, to: string): boolean {
  return KEYBOARD_ROWS.some((row) => {
    const at = row.indexOf(from);
    return at >= 0 && (row[at + 1] === to || row[at - 1] === to);
  });
}

function estimatedBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bitsPerChar -= p * Math.log2(p);
  }
  return bitsPerChar * value.length;
}
