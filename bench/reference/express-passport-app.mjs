/*
 * The Express reference: a plain Express app wired the way Okta's Express + Passport guide
 * wires `passport-openidconnect` (see oidc-passport.mjs, shared with the Nest reference), with
 * an ensureLoggedIn check in front of the protected routes. Runs as a forked child.
 */
import express from 'express';
import {
  AFTER_SIGN_IN,
  answerTheBench,
  createPassport,
  HOST,
  port,
  profilePage,
  sessionMiddleware,
} from './oidc-passport.mjs';

const { authenticator, startSignIn, finishSignIn } = createPassport();

const app = express();
app.use(sessionMiddleware());
app.use(authenticator.initialize());
app.use(authenticator.session());

function ensureLoggedIn(req, res, next) {
  if (req.isAuthenticated()) return next();
  res.redirect('/login');
}

app.get('/login', startSignIn);
app.get('/authorization-code/callback', finishSignIn, (req, res) => res.redirect(AFTER_SIGN_IN));
app.get('/profile', ensureLoggedIn, (req, res) => res.send(profilePage(req.user)));
app.get('/api/me', ensureLoggedIn, (req, res) => res.json(req.user));

const server = app.listen(port, HOST, () =>
  answerTheBench(() => new Promise((resolve) => server.close(resolve))),
);
