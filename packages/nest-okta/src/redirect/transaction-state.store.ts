import type { Request } from 'express';
import { UNKNOWN_STATE } from '../errors/sign-in-failure';
import type { SignInTransactions } from '../sign-in/sign-in-transactions';
import { signInContext } from './sign-in-context';

type VerifyCallback = (err: Error | null, ctx: false | { nonce: string }, info?: unknown) => void;

/**
 * The `store` passport-openidconnect calls at the callback (the strategy begins sign-ins itself):
 * `verify` consumes the transaction and opens the sign-in context.
 */
export class TransactionStateStore {
  constructor(private readonly transactions: SignInTransactions) {}

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
