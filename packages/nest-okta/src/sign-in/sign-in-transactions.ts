import { createHmac, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { isEpochMs, readStoredValue } from '../session/stored-values';
import { isSignInRequest, type SignInRequest } from './sign-in-request';

/** What a sign-in needs back when the browser returns from the provider. */
export interface SignInTransaction {
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** What the sign-in asked the provider for (`acr_values`, `max_age`, …), and whom a step-up is for. */
  request: SignInRequest;
  /** Epoch milliseconds: a `max_age` is measured from here. */
  startedAt: number;
  /** The widget model's interaction, once the server has started it at `/v1/interact`. */
  interactionHandle?: string;
}

/**
 * One pending sign-in as the session stores it: a secret seed (256 bits, base64url), the page
 * to return to, the expiry in epoch milliseconds and, when it asks for more than a plain
 * sign-in, its request (`acr_values`, `max_age`, `login_hint`, `prompt`, the step-up's user). State, nonce and PKCE verifier are derived
 * from the seed, so an anonymous GET /login stores 43 characters of them instead of three times
 * as many (every pending sign-in is a store entry of its own).
 */
type StoredSignIn =
  | [seed: string, returnTo: string, expiresAt: number]
  | [seed: string, returnTo: string, expiresAt: number, request: SignInRequest]
  | [
      seed: string,
      returnTo: string,
      expiresAt: number,
      request: SignInRequest,
      interactionHandle: string,
    ];

declare module 'express-session' {
  interface SessionData {
    signIns?: StoredSignIn[];
  }
}

/** Sign-ins started in several tabs each complete; a runaway loop cannot grow the session. */
const MAX_PENDING_TRANSACTIONS = 5;

/**
 * Pending sign-ins, kept in the session, each found by its `state` and usable once, so several
 * tabs may sign in at the same time. The state is derived from the seed with the tenant's id, so
 * another tenant's callback finds no transaction for it. Only the state leaves the server; the
 * seed, and so the PKCE verifier, cannot be worked out from it or from the nonce. What comes
 * back from the store is checked for shape: a tampered entry is no transaction.
 */
export class SignInTransactions {
  private readonly stateLabel: string;

  /** `tenant`: whose transactions these are, when the module serves several tenants. */
  constructor(
    private readonly ttlMs: number,
    tenant?: string,
  ) {
    this.stateLabel = tenant === undefined ? 'state' : `state:${tenant}`;
  }

  begin(
    req: Request,
    returnTo: string,
    request: SignInRequest = {},
  ): { state: string; transaction: SignInTransaction } {
    const seed = randomBytes(32).toString('base64url');
    const now = Date.now();
    const pending = storedSignIns(req)
      .filter(([, , expiresAt]) => expiresAt > now)
      .slice(-(MAX_PENDING_TRANSACTIONS - 1));
    const stored: StoredSignIn =
      Object.keys(request).length > 0
        ? [seed, returnTo, now + this.ttlMs, request]
        : [seed, returnTo, now + this.ttlMs];
    req.session.signIns = [...pending, stored];
    return { state: this.stateOf(seed), transaction: this.derived(stored) };
  }

  /**
   * The pending transaction for `state`, left in place: the embedded widget's page is shown
   * again for the same sign-in (`interaction_required`, an email magic link).
   */
  pending(req: Request, state: unknown): SignInTransaction | undefined {
    const found = this.find(req, state);
    return found && found.expiresAt > Date.now() ? found.transaction : undefined;
  }

  /**
   * Keeps the interaction the server started for `state`, so the widget shown again for this
   * sign-in (an email magic link's passcode) resumes that interaction rather than a new one.
   */
  rememberInteraction(req: Request, state: string, interactionHandle: string): void {
    const found = this.find(req, state);
    if (!found) return;
    const [seed, returnTo, expiresAt, request = {}] = found.stored[found.index];
    req.session.signIns = found.stored.map((entry, index) =>
      index === found.index ? [seed, returnTo, expiresAt, request, interactionHandle] : entry,
    );
  }

  /** Removes the transaction whatever its fate, so a callback can never be replayed. */
  consume(req: Request, state: unknown): SignInTransaction | undefined {
    const found = this.find(req, state);
    if (!found) return undefined;
    const rest = found.stored.filter((_, index) => index !== found.index);
    if (rest.length > 0) req.session.signIns = rest;
    else delete req.session.signIns;
    return found.expiresAt > Date.now() ? found.transaction : undefined;
  }

  /** The stored sign-in `state` names, expired or not, with the session's list it is in. */
  private find(req: Request, state: unknown) {
    if (typeof state !== 'string') return undefined;
    const stored = storedSignIns(req);
    const index = stored.findIndex(([seed]) => this.stateOf(seed) === state);
    if (index < 0) return undefined;
    const expiresAt = stored[index][2];
    return { stored, index, expiresAt, transaction: this.derived(stored[index]) };
  }

  private stateOf(seed: string): string {
    return derive(seed, this.stateLabel);
  }

  private derived([
    seed,
    returnTo,
    expiresAt,
    request = {},
    interactionHandle,
  ]: StoredSignIn): SignInTransaction {
    return {
      ...(interactionHandle !== undefined && { interactionHandle }),
      // 43 base64url characters: a valid PKCE verifier (RFC 7636 asks for 43 to 128).
      nonce: derive(seed, 'nonce'),
      codeVerifier: derive(seed, 'code_verifier'),
      returnTo,
      request,
      startedAt: expiresAt - this.ttlMs,
    };
  }
}

function derive(seed: string, label: string): string {
  return createHmac('sha256', seed).update(label).digest('base64url');
}

/**
 * The session's pending sign-ins; a list the store hands back that is not one (see
 * `readStoredValue`) is none, and an entry in it not of the shape written here is left out.
 */
function storedSignIns(req: Request): StoredSignIn[] {
  const pending = readStoredValue(
    req.session?.signIns,
    Array.isArray,
    req.sessionID,
    "a session's pending sign-ins",
  ) as unknown[] | undefined;
  return pending?.filter(isStoredSignIn) ?? [];
}

function isStoredSignIn(value: unknown): value is StoredSignIn {
  return (
    Array.isArray(value) &&
    (value.length === 3 ||
      (value.length === 4 && isSignInRequest(value[3])) ||
      (value.length === 5 &&
        isSignInRequest(value[3]) &&
        typeof value[4] === 'string' &&
        value[4] !== '')) &&
    typeof value[0] === 'string' &&
    value[0] !== '' &&
    typeof value[1] === 'string' &&
    isEpochMs(value[2])
  );
}
