import { Logger } from '@nestjs/common';
import { MemoryStore, type Store } from 'express-session';
import type { OktaUser } from '../user/okta-user';
import { MemorySessionIndexStore } from './memory-session-index-store';
import type { SessionIndexStore } from '../options/session-index-store';
import { storedSessionIds } from './stored-session-ids';
import { subjectKey, type UserSubject } from './subject-key';

/**
 * Which sessions each signed-in user has: recorded at sign-in under the user's issuer and
 * subject and under their email, forgotten at sign-out, and expiring when the sign-in would.
 * Only sign-in, sign-out and "end them all" touch it; a signed-in request never does.
 */
export class SessionIndex {
  private readonly logger = new Logger('SessionIndex');
  private readonly store: SessionIndexStore;
  private readonly ownsStore: boolean;
  private warnedNotShared = false;

  /**
   * @param issuer the authorization server whose ID tokens named the users
   * @param ttlMs the longest a sign-in lasts: its entries go with it
   * @param store the app's shared index; without one, this process's memory
   * @param tenant whose sign-ins these are, when the module serves several: tenants share the
   *   app's store, and the same email at two tenants' orgs is two people's (or one person's two
   *   accounts), so each tenant's entries are its own
   */
  constructor(
    private readonly issuer: string,
    private readonly ttlMs: number,
    store?: SessionIndexStore,
    private readonly tenant?: string,
  ) {
    this.ownsStore = !store;
    this.store = store ?? new MemorySessionIndexStore();
  }

  async record(sessionId: string, user: OktaUser, sessionStore?: Store): Promise<void> {
    if (sessionStore) this.warnIfNotShared(sessionStore);
    await this.store.add(this.keysOf(user), sessionId, this.ttlMs);
  }

  async forget(sessionId: string, user: OktaUser): Promise<void> {
    await this.store.remove(this.keysOf(user), sessionId);
  }

  async sessionsOf(subject: UserSubject): Promise<string[]> {
    const key = this.keyOf(subject);
    return storedSessionIds(await this.store.sessionIds(key), key);
  }

  /**
   * Records a one-time id where every instance sees it, when the store can (see
   * `SessionIndexStore.recordOnce`); resolves `false` when it was already recorded.
   */
  recordOnce(id: string, ttlMs: number): Promise<boolean> {
    return this.store.recordOnce ? this.store.recordOnce(id, ttlMs) : Promise.resolve(true);
  }

  /** The user's own subject, the one "sign out everywhere" ends the sessions of. */
  subjectOf(user: OktaUser): UserSubject {
    return { format: 'iss_sub', iss: this.issuer, sub: user.sub };
  }

  close(): void {
    if (this.ownsStore) (this.store as MemorySessionIndexStore).close();
  }

  private keysOf(user: OktaUser): string[] {
    const keys = [this.keyOf(this.subjectOf(user))];
    if (user.email) keys.push(this.keyOf({ format: 'email', email: user.email }));
    return keys;
  }

  private keyOf(subject: UserSubject): string {
    const key = subjectKey(subject);
    return this.tenant === undefined ? key : `tenant:${this.tenant}:${key}`;
  }

  /**
   * An index in this process's memory misses the sign-ins other instances record in a shared
   * session store: worth saying once, as "sign out everywhere" would then miss sessions.
   */
  private warnIfNotShared(sessionStore: Store): void {
    if (!this.ownsStore || this.warnedNotShared || sessionStore instanceof MemoryStore) return;
    this.warnedNotShared = true;
    this.logger.warn(
      'Sessions live in a shared store but the session index is in this process: give AuthModule a sessionIndex in the same store, or Universal Logout and "sign out everywhere" reach only the sessions started here.',
    );
  }
}
