import type { Request } from 'express';
import { randomToken } from '../oidc/pkce';

/** What the app remembers between sending the browser to the provider and its return. */
export interface SignInTransaction {
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: number;
}

declare module 'express-session' {
  interface SessionData {
    signInTransactions?: Record<string, SignInTransaction>;
  }
}

/** Long enough to type a password and an MFA code; short enough that stale links fail. */
export const SIGN_IN_TRANSACTION_TTL_MS = 10 * 60 * 1000;
/** Sign-ins started in several tabs each complete; a runaway loop cannot grow the session. */
const MAX_PENDING_TRANSACTIONS = 5;

/**
 * Pending sign-ins, kept in the session and keyed by their `state`, so each can be used once
 * and several tabs may sign in at the same time.
 */
export const signInTransactions = {
  begin(req: Request, transaction: Omit<SignInTransaction, 'expiresAt'>): string {
    const state = randomToken();
    const now = Date.now();
    const pending = Object.entries(req.session.signInTransactions ?? {})
      .filter(([, t]) => t.expiresAt > now)
      .slice(-(MAX_PENDING_TRANSACTIONS - 1));
    req.session.signInTransactions = Object.fromEntries([
      ...pending,
      [state, { ...transaction, expiresAt: now + SIGN_IN_TRANSACTION_TTL_MS }],
    ]);
    return state;
  },

  /**
   * The pending transaction for `state`, left in place: the embedded widget's page is shown
   * again for the same sign-in (`interaction_required`, an email magic link).
   */
  pending(req: Request, state: unknown): SignInTransaction | undefined {
    const transaction = stored(req, state);
    return transaction && transaction.expiresAt > Date.now() ? transaction : undefined;
  },

  /** Removes the transaction whatever its fate, so a callback can never be replayed. */
  consume(req: Request, state: unknown): SignInTransaction | undefined {
    const transaction = stored(req, state);
    if (!transaction) return undefined;
    const pending = req.session.signInTransactions!;
    delete pending[state as string];
    if (Object.keys(pending).length === 0) delete req.session.signInTransactions;
    return transaction.expiresAt > Date.now() ? transaction : undefined;
  },
};

/** The transaction stored under `state`, expired or not. */
function stored(req: Request, state: unknown): SignInTransaction | undefined {
  const pending = req.session?.signInTransactions;
  if (typeof state !== 'string' || !pending || !Object.hasOwn(pending, state)) return undefined;
  return pending[state];
}
