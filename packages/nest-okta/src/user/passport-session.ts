import type { Request } from 'express';
import type { TokenVault } from '../tokens/token-vault';
import { userOf, type VerifiedSignIn } from './okta-user';
import { passportEntryOf } from './session-user';

/**
 * Starts the user's session through Passport, the same way for both sign-in models: Passport
 * regenerates the session id, and `keepSessionInfo` carries over sign-ins still pending in other
 * tabs. The tokens go to the vault under the new session's id. A sign-in on top of another (a
 * second tab's callback, or another tenant's under path resolution, where one cookie reaches
 * every tenant) replaces it: the session it lived in is gone with the old id, and so are its
 * tokens, rather than lingering in the store with nothing to reach them.
 */
export async function logIn(
  req: Request,
  signIn: VerifiedSignIn,
  vault: TokenVault,
): Promise<void> {
  const { tokens } = signIn;
  const user = userOf(signIn);
  const replaced = holdsSignIn(req) ? req.sessionID : undefined;
  await new Promise<void>((resolve, reject) =>
    req.logIn(user, { session: true, keepSessionInfo: true }, (err) =>
      err ? reject(err as Error) : resolve(),
    ),
  );
  await vault.save(req, tokens);
  if (replaced !== undefined && replaced !== req.sessionID) {
    await vault.removeFrom(req.sessionStore, replaced);
  }
}

/**
 * Ends the user's sign-in: Passport forgets the user, the session gets a new, empty id, and the
 * old session's tokens leave the vault.
 */
export async function logOut(req: Request, vault: TokenVault): Promise<void> {
  const sessionId = req.sessionID;
  await new Promise<void>((resolve, reject) =>
    req.logout({ keepSessionInfo: false }, (err) => (err ? reject(err as Error) : resolve())),
  );
  await vault.removeFrom(req.sessionStore, sessionId);
}

/** Whether the session names a signed-in user, of this tenant or any other. */
function holdsSignIn(req: Request): boolean {
  return passportEntryOf(req.session, req.sessionID)?.user !== undefined;
}
