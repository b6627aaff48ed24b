import type { Request } from 'express';
import { UNKNOWN_STATE } from '../errors/sign-in-failure';
import type { SignInTransactions } from '../sign-in/sign-in-transactions';
import { signInContext } from './sign-in-context';

type StoreCallback = (err: Error | null, handle?: string) => void;
type VerifyCallback = (err: Error | null, ctx: false | { nonce: string }, info?: unknown) => void;

/**
 * The `store` passport-openidconnect calls. The strategy has already begun the transaction
 * (it needs the PKCE challenge and nonce before the library builds the URL), so `store` saves
 * the session and hands back its state: the browser leaves for the provider only once the
 * transaction is stored, and a session store outage fails here rather than at the callback.
 * `verify` consumes the transaction and opens the sign-in context.
 */
export class TransactionStateStore {
  constructor(private readonly transactions: SignInTransactions) {}

  store(req: Request, _ctx: unknown, state: string, _meta: unknown, callback: StoreCallback): void {
    req.session.save((err?: Error) => callback(err ?? null, state));
  }

  verify(req: Request, state: unknown, callback: VerifyCallback): void {
    const transaction = this.transactions.consume(req, state);
    if (!transaction) {
      callback(null, false, { message: UNKNOWN_STATE });
      return;
    }
    signInContext.run(transaction, () =>
      callback(null, { nonce: transaction.nonce }, { transaction }),
    );
  }
}
