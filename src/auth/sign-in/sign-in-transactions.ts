import type { Request } from 'express';
import { randomToken } from '../oidc/pkce';

/** What the app remembers between sending the browser to the provider and its return. */
export interface SignInTransaction {
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: number;
  /** The tenant that began it, with tenants: another tenant's callback cannot complete it. */
  tenant?: string;
}

declare module 'express-session' {
  interface SessionData {
    signInTransactions?: Record<string, SignInTransaction>;
  }
}

/** Sign-ins started in several tabs each complete; a runaway loop cannot grow the session. */
const MAX_PENDING_TRANSACTIONS = 5;

/**
 * Pending sign-ins, kept in the session and keyed by their `state`, so each can be used once
 * and several tabs may sign in at the same time. What comes back from the store is checked
 * for shape: a tampered entry is no transaction.
 */
export class SignInTransactions {
  /** `tenant`: whose transactions these are, when the module serves several tenants. */
  constructor(
    private readonly ttlMs: number,
    private readonly tenant?: string,
  ) {}

  begin(req: Request, transaction: Omit<SignInTransaction, 'expiresAt'>): string {
    const state = randomToken();
    const now = Date.now();
    const pending = Object.entries(storedTransactions(req))
      .filter((entry): entry is [string, SignInTransaction] => isLive(entry[1], now))
      .slice(-(MAX_PENDING_TRANSACTIONS - 1));
    req.session.signInTransactions = Object.fromEntries([
      ...pending,
      [state, { ...transaction, expiresAt: now + this.ttlMs, tenant: this.tenant }],
    ]);
    return state;
  }

  /**
   * The pending transaction for `state`, left in place: the embedded widget's page is shown
   * again for the same sign-in (`interaction_required`, an email magic link).
   */
  pending(req: Request, state: unknown): SignInTransaction | undefined {
    const transaction = this.ours(stored(req, state));
    return transaction && transaction.expiresAt > Date.now() ? transaction : undefined;
  }

  /** Removes the transaction whatever its fate, so a callback can never be replayed. */
  consume(req: Request, state: unknown): SignInTransaction | undefined {
    const transaction = this.ours(stored(req, state));
    if (!transaction) return undefined;
    const pending = req.session.signInTransactions!;
    delete pending[state as string];
    if (Object.keys(pending).length === 0) delete req.session.signInTransactions;
    return transaction.expiresAt > Date.now() ? transaction : undefined;
  }

  /** Another tenant's transaction (a copied cookie, a replayed callback) is no transaction. */
  private ours(transaction: SignInTransaction | undefined): SignInTransaction | undefined {
    return transaction?.tenant === this.tenant ? transaction : undefined;
  }
}

function storedTransactions(req: Request): Record<string, unknown> {
  const pending: unknown = req.session?.signInTransactions;
  return typeof pending === 'object' && pending !== null && !Array.isArray(pending)
    ? (pending as Record<string, unknown>)
    : {};
}

/** The transaction stored under `state`, expired or not. */
function stored(req: Request, state: unknown): SignInTransaction | undefined {
  const pending = storedTransactions(req);
  if (typeof state !== 'string' || !Object.hasOwn(pending, state)) return undefined;
  const transaction = pending[state];
  return isTransaction(transaction) ? transaction : undefined;
}

function isLive(value: unknown, now: number): boolean {
  return isTransaction(value) && value.expiresAt > now;
}

function isTransaction(value: unknown): value is SignInTransaction {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.nonce === 'string' &&
    typeof t.codeVerifier === 'string' &&
    typeof t.returnTo === 'string' &&
    typeof t.expiresAt === 'number'
  );
}
