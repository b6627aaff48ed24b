import type { Request } from 'express';
import type { SessionData, Store } from 'express-session';
import { readStoreEntry } from '../session/store-entry';
import { isEpochMs, isRecord, readStoredValue } from '../session/stored-values';
import type { OktaTokens } from '../user/okta-user';

/** What the vault writes to the store: a session-shaped record, so every store expires it. */
interface TokenRecord {
  cookie: { originalMaxAge: number; expires: string };
  tokens: OktaTokens;
}

declare module 'express-session' {
  interface SessionData {
    /** The tokens themselves, only when the session has no store to keep them apart. */
    authTokens?: OktaTokens;
  }
}

/**
 * The signed-in user's tokens, kept beside the session rather than in it: in the same store,
 * under the session id and a suffix, with the sign-in's lifetime. The session every request
 * loads (and express-session parses and hashes) then holds only the claims; the tokens are read
 * by what needs them (a downstream API call, a refresh, sign-out, Universal Logout). Any
 * express-session store works: the record carries a `cookie` with its expiry, which is what
 * stores expire entries by.
 */
export class TokenVault {
  constructor(private readonly ttlMs: number) {}

  async save(req: Request, tokens: OktaTokens): Promise<void> {
    const store: Store | undefined = req.sessionStore;
    if (!store) {
      req.session.authTokens = tokens;
      return;
    }
    const record: TokenRecord = {
      cookie: {
        originalMaxAge: this.ttlMs,
        expires: new Date(Date.now() + this.ttlMs).toISOString(),
      },
      tokens,
    };
    await call<void>((done) => store.set(recordKey(req.sessionID), asSession(record), done));
  }

  /**
   * Stores a refresh's tokens only while their session exists, and says whether it kept them. A
   * refresh can outlast its session (Universal Logout or a sign-out ends it while the provider is
   * answering); written then, the tokens would come back with nothing left to end them. No store
   * can write one key on condition of another (in a Redis Cluster the two may sit in different
   * slots), so the vault looks, writes, then looks again, and takes the tokens back if the
   * session went meanwhile. Whoever ends a session destroys it before reading its tokens
   * (`UserSessionRevoker`), so either that reader finds these tokens, or the second look finds
   * the session gone.
   */
  async saveWhileSessionExists(req: Request, tokens: OktaTokens): Promise<boolean> {
    const store: Store | undefined = req.sessionStore;
    // Kept in the session itself, the tokens end with it.
    if (!store) return this.save(req, tokens).then(() => true);
    const sessionId = req.sessionID;
    if (!(await sessionExists(store, sessionId))) return false;
    await this.save(req, tokens);
    if (await sessionExists(store, sessionId)) return true;
    await this.removeFrom(store, sessionId);
    return false;
  }

  /** The request's tokens, if the store holds some of the shape the vault writes. */
  read(req: Request): Promise<OktaTokens | undefined> {
    const store: Store | undefined = req.sessionStore;
    if (!store) {
      return Promise.resolve(
        readStoredValue(req.session?.authTokens, isOktaTokens, req.sessionID, TOKENS),
      );
    }
    return this.readFrom(store, req.sessionID);
  }

  /** The tokens of any session in `store`, as Universal Logout needs them. */
  async readFrom(store: Store, sessionId: string): Promise<OktaTokens | undefined> {
    const record = await readStoreEntry(store, recordKey(sessionId), sessionId, TOKENS);
    return readStoredValue(record ?? undefined, isTokenRecord, sessionId, TOKENS)?.tokens;
  }

  async removeFrom(store: Store | undefined, sessionId: string): Promise<void> {
    if (!store) return;
    await call<void>((done) => store.destroy(recordKey(sessionId), done));
  }
}

/** An entry the store cannot read is no session: nothing can sign in with it. */
async function sessionExists(store: Store, sessionId: string): Promise<boolean> {
  return (await readStoreEntry(store, sessionId, sessionId, 'a session')) !== null;
}

function recordKey(sessionId: string): string {
  return `${sessionId}:tokens`;
}

function asSession(record: TokenRecord): SessionData {
  return record as unknown as SessionData;
}

/** What the logs call the vault's record. */
const TOKENS = "a session's tokens";

function isTokenRecord(value: unknown): value is TokenRecord {
  return isRecord(value) && isOktaTokens(value.tokens);
}

/** Tokens of the shape the vault writes: the expiry, if any, one a `Date` holds. */
function isOktaTokens(value: unknown): value is OktaTokens {
  return (
    isRecord(value) &&
    typeof value.idToken === 'string' &&
    typeof value.accessToken === 'string' &&
    (value.refreshToken === undefined || typeof value.refreshToken === 'string') &&
    (value.accessTokenExpiresAt === undefined || isEpochMs(value.accessTokenExpiresAt)) &&
    (value.scope === undefined || typeof value.scope === 'string')
  );
}

function call<T>(run: (done: (error?: Error | null, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    run((error, value) => (error ? reject(error) : resolve(value as T))),
  );
}
