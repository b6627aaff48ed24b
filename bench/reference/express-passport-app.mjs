/*
 * The Express reference: a plain Express app wired the way Okta's Express + Passport guide
 * wires `passport-openidconnect` (see oidc-passport.mjs, shared with the Nest reference), with
 * an ensureLoggedIn check in front of the protected routes. Runs as a forked child.
 */
import express from 'express';
import * as oidc from './oidc-passport.mjs';

const { middleware, startSignIn, finishSignIn } = oidc.createPassport();

const app = express();
for (const handler of middleware) app.use(handler);

function ensureLoggedIn(req, res, next) {
  if (req.isAuthenticated()) return next();
  res.redirect('/login');
}

app.get('/login', startSignIn);
app.get('/authorization-code/callback', finishSignIn, (req, res) =>
  res.redirect(oidc.AFTER_SIGN_IN),
);
app.get('/profile', ensureLoggedIn, (req, res) => res.send(oidc.profilePage(req.user)));
app.get('/api/me', ensureLoggedIn, (req, res) => res.json(req.user));

const server = app.listen(oidc.port, oidc.HOST, () =>
  oidc.answerTheBench(() => new Promise((resolve) => server.close(resolve))),
);
