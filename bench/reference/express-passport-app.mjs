/*
 * The reference: a plain Express app wired the way Okta's Express + Passport guide wires
 * `passport-openidconnect` (express-session's memory store, passport.session(), endpoint URLs
 * under the issuer, a verify callback of (issuer, profile, done), a callback route, and an
 * ensureLoggedIn check in front of the protected routes). One addition the guide does not
 * have: the development identity provider requires PKCE, which the library cannot send, so
 * /login puts an S256 challenge in the authorization request and the token request gets the
 * verifier. Configured by PORT, ISSUER, CLIENT_ID and CLIENT_SECRET; runs as a forked child.
 */
import express from 'express';
import session from 'express-session';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import passport from 'passport';
import { Strategy as OpenIDConnectStrategy } from 'passport-openidconnect';

const { PORT, ISSUER, CLIENT_ID, CLIENT_SECRET } = process.env;
const baseUrl = `http://127.0.0.1:${PORT}`;

const strategy = new OpenIDConnectStrategy(
  {
    issuer: ISSUER,
    authorizationURL: `${ISSUER}/v1/authorize`,
    tokenURL: `${ISSUER}/v1/token`,
    userInfoURL: `${ISSUER}/v1/userinfo`,
    clientID: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    callbackURL: `${baseUrl}/authorization-code/callback`,
    scope: 'openid profile email',
  },
  (issuer, profile, done) => done(null, profile),
);
withPkce(strategy);
passport.use('oidc', strategy);
passport.serializeUser((user, next) => next(null, user));
passport.deserializeUser((user, next) => next(null, user));

const app = express();
app.use(
  session({ secret: randomBytes(32).toString('hex'), resave: false, saveUninitialized: true }),
);
app.use(passport.initialize());
app.use(passport.session());

function ensureLoggedIn(req, res, next) {
  if (req.isAuthenticated()) return next();
  res.redirect('/login');
}

app.get('/login', (req, res, next) => {
  const verifier = randomBytes(32).toString('base64url');
  req.session.codeVerifier = verifier;
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  passport.authenticate('oidc', { codeChallenge: challenge })(req, res, next);
});
app.get(
  '/authorization-code/callback',
  (req, res, next) => pkceVerifier.run(req.session.codeVerifier, next),
  passport.authenticate('oidc', { failureRedirect: '/error' }),
  (req, res) => res.redirect('/profile'),
);
app.get('/profile', ensureLoggedIn, (req, res) => {
  res.send(`<!doctype html><h1>Hello ${escapeHtml(req.user.displayName)}</h1>`);
});
app.get('/api/me', ensureLoggedIn, (req, res) => res.json(req.user));
app.get('/', (req, res) => res.send('<!doctype html><a href="/login">Sign in</a>'));

const server = app.listen(Number(PORT), '127.0.0.1', () => process.send?.({ type: 'ready' }));
process.once('disconnect', () => process.exit(0));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
// The bench asks for memory figures after a full GC (the child runs with --expose-gc).
process.on('message', (message) => {
  if (message?.type !== 'memory') return;
  // Twice: the first pass can leave work (weak references, finalizers) for a second.
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.send({ type: 'memory', rss, heapUsed });
});

const pkceVerifier = new AsyncLocalStorage();

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

function escapeHtml(value = '') {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
