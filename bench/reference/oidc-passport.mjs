/*
 * What the two references share, so they differ only in the framework around it: the way
 * Okta's Express + Passport guide wires `passport-openidconnect` (express-session's memory store,
 * passport.session(), endpoint URLs under the issuer, a verify callback of (issuer, profile, done))
 * and the bench's child-process protocol. One addition the guide does not have: the development
 * identity provider requires PKCE, which the library cannot send, so the sign-in start puts an
 * S256 challenge in the authorization request and the token request gets the verifier.
 * Configured by PORT, ISSUER, CLIENT_ID and CLIENT_SECRET.
 */
import session from 'express-session';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import passport from 'passport';
import { Strategy as OpenIDConnectStrategy } from 'passport-openidconnect';
import { memoryAfterGc } from '../lib/child-memory.mjs';

const { PORT, ISSUER, CLIENT_ID, CLIENT_SECRET } = process.env;
export const HOST = '127.0.0.1';
export const port = Number(PORT);
/** Where a finished sign-in lands, in both references. */
export const AFTER_SIGN_IN = '/profile';

/** The guide's session: the memory store, every new session saved, not rolling. */
const sessionMiddleware = () =>
  session({ secret: randomBytes(32).toString('hex'), resave: false, saveUninitialized: true });

const pkceVerifier = new AsyncLocalStorage();

/** A Passport instance with the guide's strategy (plus PKCE) registered as 'oidc'. */
export function createPassport() {
  const authenticator = new passport.Passport();
  const strategy = new OpenIDConnectStrategy(
    {
      issuer: ISSUER,
      authorizationURL: `${ISSUER}/v1/authorize`,
      tokenURL: `${ISSUER}/v1/token`,
      userInfoURL: `${ISSUER}/v1/userinfo`,
      clientID: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      callbackURL: `http://${HOST}:${PORT}/authorization-code/callback`,
      scope: 'openid profile email',
    },
    (issuer, profile, done) => done(null, profile),
  );
  withPkce(strategy);
  authenticator.use('oidc', strategy);
  authenticator.serializeUser((user, next) => next(null, user));
  authenticator.deserializeUser((user, next) => next(null, user));
  return {
    authenticator,
    /** The guide's middleware, in its order: the session, then Passport's. */
    middleware: [sessionMiddleware(), authenticator.initialize(), authenticator.session()],
    /** GET /login: keeps a PKCE verifier in the session and redirects to the provider. */
    startSignIn(req, res, next) {
      const verifier = randomBytes(32).toString('base64url');
      req.session.codeVerifier = verifier;
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      authenticator.authenticate('oidc', { codeChallenge: challenge })(req, res, next);
    },
    /** The callback: the token request (with the session's verifier), then `next()` signed in. */
    finishSignIn(req, res, next) {
      const authenticate = authenticator.authenticate('oidc', { failureRedirect: '/error' });
      pkceVerifier.run(req.session.codeVerifier, () => authenticate(req, res, next));
    },
  };
}

/** Sends the S256 challenge with the authorization request and the verifier with the token request. */
function withPkce(oidcStrategy) {
  oidcStrategy.authorizationParams = (options) =>
    options.codeChallenge
      ? { code_challenge: options.codeChallenge, code_challenge_method: 'S256' }
      : {};
  const oauth2 = oidcStrategy._oauth2;
  const getToken = oauth2.getOAuthAccessToken.bind(oauth2);
  oauth2.getOAuthAccessToken = (code, params, callback) =>
    getToken(code, { ...params, code_verifier: pkceVerifier.getStore() }, callback);
}

export function profilePage(user) {
  const name = String(user?.displayName ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><h1>Hello ${name}</h1>`;
}

/**
 * The bench's side of a forked reference: 'ready' once listening, a clean exit on SIGTERM or
 * when the bench goes away, and memory figures on request.
 */
export function answerTheBench(close) {
  process.send?.({ type: 'ready', pid: process.pid });
  process.once('disconnect', () => process.exit(0));
  process.once('SIGTERM', () => void close().then(() => process.exit(0)));
  process.on('message', (message) => {
    if (message?.type === 'memory') process.send({ type: 'memory', ...memoryAfterGc() });
  });
}
