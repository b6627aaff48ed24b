import { AsyncLocalStorage } from 'node:async_hooks';
import type { SignInTransaction } from '../sign-in/sign-in-transactions';

/**
 * passport-openidconnect fixes the token request's parameters and never hands the verify
 * callback the stored nonce. The transaction it has just consumed travels along that one call
 * chain instead, so the token request can send the PKCE verifier and the ID token check can
 * compare the nonce.
 */
export const signInContext = new AsyncLocalStorage<SignInTransaction>();

export function currentSignIn(): SignInTransaction {
  const transaction = signInContext.getStore();
  if (!transaction) throw new Error('No sign-in transaction is in progress on this call chain');
  return transaction;
}
