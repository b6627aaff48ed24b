import type { Request } from 'express';
import type { Store } from 'express-session';
import type { TokenVault } from '../tokens/token-vault';
import type { VerifiedSignIn } from './okta-user';

/**
 * Starts the user's session through Passport, the same way for both sign-in models: Passport
 * regenerates the session id, and `keepSessionInfo` carries over sign-ins still pending in other
 * tabs. The tokens go to the vault under the new session's id.
 */
export async function logIn(
  req: Request,
  signIn: VerifiedSignIn,
  vault: TokenVault,
): Promise<void> {
  const { tokens, ...user } = signIn;
  await new Promise<void>((resolve, reject) =>
    req.logIn(user, { session: true, keepSessionInfo: true }, (err) =>
      err ? reject(err as Error) : resolve(),
    ),
  );
  await vault.save(req, tokens);
}

/**
 * Ends the user's sign-in: Passport forgets the user, the session gets a new, empty id, and the
 * old session's tokens leave the vault.
 */
export async function logOut(req: Request, vault: TokenVault): Promise<void> {
  const sessionId = req.sessionID;
  const store = (req as Request & { sessionStore?: Store }).sessionStore;
  await new Promise<void>((resolve, reject) =>
    req.logout({ keepSessionInfo: false }, (err) => (err ? reject(err as Error) : resolve())),
  );
  await vault.removeFrom(store, sessionId);
}
