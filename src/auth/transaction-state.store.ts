import type { Request } from 'express';
import { signInContext } from './sign-in-context';
import { signInTransactions } from './sign-in-transactions';

type StoreCallback = (err: Error | null, handle?: string) => void;
type VerifyCallback = (err: Error | null, ctx: false | { nonce: string }, info?: unknown) => void;

export const UNKNOWN_STATE = 'unknown_state';

/**
 * The `store` passport-openidconnect calls. The strategy has already begun the transaction
 * (it needs the PKCE challenge and nonce before the library builds the URL), so `store` only
 * hands back its state; `verify` consumes it and opens the sign-in context.
 */
export class TransactionStateStore {
  store(
    _req: Request,
    _ctx: unknown,
    state: string,
    _meta: unknown,
    callback: StoreCallback,
  ): void {
    callback(null, state);
  }

  verify(req: Request, state: unknown, callback: VerifyCallback): void {
    const transaction = signInTransactions.consume(req, state);
    if (!transaction) {
      callback(null, false, { message: UNKNOWN_STATE });
      return;
    }
    signInContext.run(transaction, () =>
      callback(null, { nonce: transaction.nonce }, { returnTo: transaction.returnTo }),
    );
  }
}
