import type { SessionData } from 'express-session';
import {
  jsonNestsDeeperThan,
  MAX_DATE_MS,
  MAX_SESSION_DEPTH,
  MAX_SESSION_ENTRY_BYTES,
  UnreadableSessionEntry,
} from './session-entry-limits';

type CookieTuple = [
  originalMaxAge: number | null,
  expires: number | null,
  secure: boolean | undefined,
  httpOnly: boolean | undefined,
  path: string | undefined,
  sameSite: string | boolean | undefined,
];

/** The tuple's places after the expiry, in order. */
const ATTRIBUTES = ['secure', 'httpOnly', 'path', 'sameSite'] as const;
const TUPLE_FIELDS = new Set<string>(['originalMaxAge', 'expires', ...ATTRIBUTES]);

/**
 * connect-redis's serializer: JSON, with express-session's cookie written as one array instead
 * of an object with its attribute names (and the expiry as epoch milliseconds rather than an
 * ISO string). The cookie is in every entry and is a third of a pending sign-in's, so this is
 * what keeps each entry small. Entries written in the plain form (before this, or with cookie
 * attributes the array has no place for) are read as they are.
 */
export const compactSessionJson = {
  stringify(session: SessionData): string {
    const { cookie } = session as { cookie?: unknown };
    const tuple = cookieTuple(cookie);
    return JSON.stringify(tuple ? { ...session, cookie: tuple } : session);
  },

  /**
   * Refuses what no session of this app looks like (see `session-entry-limits`), then parses;
   * `checkStoredSessions` checks the shape of what this returns.
   */
  parse(text: string): SessionData {
    if (Buffer.byteLength(text) > MAX_SESSION_ENTRY_BYTES) {
      throw new UnreadableSessionEntry('the stored session is larger than 64 KiB');
    }
    if (jsonNestsDeeperThan(text, MAX_SESSION_DEPTH)) {
      throw new UnreadableSessionEntry('the stored session nests deeper than 32 levels');
    }
    const value: unknown = JSON.parse(text);
    const session = (typeof value === 'object' && value !== null ? value : {}) as {
      cookie?: unknown;
    };
    if (isCookieTuple(session.cookie)) session.cookie = cookieObject(session.cookie);
    return session as SessionData;
  },
};

/** The cookie as an array, if everything in it has a place there. */
function cookieTuple(cookie: unknown): CookieTuple | undefined {
  if (typeof cookie !== 'object' || cookie === null) return undefined;
  // express-session's Cookie keeps its expiry behind a getter: its JSON form is what is stored.
  const json = 'toJSON' in cookie ? (cookie as { toJSON(): unknown }).toJSON() : cookie;
  const fields = json as Record<string, unknown>;
  const present = Object.keys(fields).filter((key) => fields[key] !== undefined);
  if (!present.every((key) => TUPLE_FIELDS.has(key))) return undefined;
  const { originalMaxAge, expires, secure, httpOnly, path, sameSite } = fields;
  const expiresAt =
    expires instanceof Date
      ? expires.getTime()
      : expires == null
        ? null
        : Date.parse(typeof expires === 'string' ? expires : '');
  if (expiresAt !== null && !Number.isFinite(expiresAt)) return undefined;
  return [
    originalMaxAge as number | null,
    expiresAt,
    secure as boolean | undefined,
    httpOnly as boolean | undefined,
    path as string | undefined,
    sameSite as string | boolean | undefined,
  ];
}

function isCookieTuple(value: unknown): value is CookieTuple {
  return Array.isArray(value) && value.length === 6;
}

/** The object express-session wrote; `null` (JSON's undefined in an array) means absent. */
function cookieObject(tuple: CookieTuple): Record<string, unknown> {
  const [originalMaxAge, expires, ...attributes] = tuple;
  if (typeof expires === 'number' && !(Math.abs(expires) <= MAX_DATE_MS)) {
    throw new UnreadableSessionEntry('the stored cookie expires outside what a Date can hold');
  }
  const cookie: Record<string, unknown> = {
    originalMaxAge,
    expires: Number.isFinite(expires) ? new Date(expires as number).toISOString() : null,
  };
  ATTRIBUTES.forEach((name, i) => {
    if (attributes[i] != null) cookie[name] = attributes[i];
  });
  return cookie;
}
