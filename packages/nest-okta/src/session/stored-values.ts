import { Logger } from '@nestjs/common';

/**
 * Beyond these, a value the module reads back from the app's session store (the Passport entry,
 * the vault's tokens, pending sign-ins) is not one it wrote: nothing it writes comes near them.
 */
const MAX_STORED_BYTES = 64 * 1024;
const MAX_STORED_DEPTH = 32;
/** The largest time a `Date` holds, in milliseconds either side of 1970. */
const MAX_DATE_MS = 8.64e15;
/** What a value counts for besides its strings: enough that a cycle ends the walk too. */
const BYTES_PER_VALUE = 8;

const logger = new Logger('SessionStore');
/** What has been logged as unreadable, so one bad entry is one log line, not one a request. */
const logged = new Set<string>();
const MAX_LOGGED = 10_000;

/**
 * `value` if it stays within the limits above and `isValid` accepts it. The store is the app's,
 * and may hand back anything (an older version's entry, a tampered one, another library's): a
 * wrong type, a megabyte string, an object nested thousands deep, a time no `Date` holds. Such
 * a value counts as absent, and is logged once for `owner` (the session id it belongs to, or the
 * index key); an absent one is just absent.
 */
export function readStoredValue<T>(
  value: unknown,
  isValid: (value: unknown) => value is T,
  owner: string,
  what: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (isWithinStoredLimits(value) && isValid(value)) return value;
  reportUnreadable(owner, what);
  return undefined;
}

/** Logs, once per `owner` and `what`, that a stored value was unreadable and is ignored. */
export function reportUnreadable(owner: string, what: string): void {
  const key = `${what}\0${owner}`;
  if (logged.has(key)) return;
  if (logged.size >= MAX_LOGGED) logged.clear();
  logged.add(key);
  logger.warn(`A stored value is unreadable, so it counts as absent: ${what}`);
}

/** A time in epoch milliseconds that a `Date` can hold. */
export function isEpochMs(value: unknown): value is number {
  return typeof value === 'number' && Math.abs(value) <= MAX_DATE_MS;
}

/** An object with named fields: not `null`, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` nests no deeper than 32 levels and its strings and values come to no more
 * than 64 KiB. Walked without recursion (a value nested 100,000 deep must not overflow the
 * stack here), and stopped at the first excess.
 */
function isWithinStoredLimits(value: unknown): boolean {
  let bytes = BYTES_PER_VALUE;
  const values: unknown[] = [value];
  const depths: number[] = [0];
  // Each value is counted as it is found, so a million-element array stops the walk at once.
  const found = (child: unknown, depth: number, key = ''): boolean => {
    bytes += BYTES_PER_VALUE + key.length;
    values.push(child);
    depths.push(depth);
    return bytes <= MAX_STORED_BYTES;
  };
  while (values.length > 0) {
    const item = values.pop();
    const depth = depths.pop()!;
    if (typeof item === 'string') bytes += item.length;
    if (bytes > MAX_STORED_BYTES) return false;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_STORED_DEPTH) return false;
    if (Array.isArray(item)) {
      for (const child of item as unknown[]) if (!found(child, depth + 1)) return false;
    } else {
      for (const key in item) {
        if (!found((item as Record<string, unknown>)[key], depth + 1, key)) return false;
      }
    }
  }
  return true;
}
