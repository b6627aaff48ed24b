/*
 * The Nest reference: the floor of this stack. A minimal NestJS app (Express adapter, no
 * logger) with the Express reference's session and Passport setup (oidc-passport.mjs) applied
 * the way Nest's docs apply Express middleware (`app.use` in bootstrap), and `/api/me` behind a
 * guard that only asks `req.isAuthenticated()`. What it costs above the Express reference is
 * NestJS's own; what this app costs above it is the app's. Plain ESM JavaScript, so the
 * decorators are applied as functions. Runs as a forked child.
 */
import 'reflect-metadata';
import {
  Controller,
  Get,
  Header,
  Injectable,
  Module,
  Next,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
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

class AuthenticatedGuard {
  canActivate(context) {
    return context.switchToHttp().getRequest().isAuthenticated();
  }
}
Injectable()(AuthenticatedGuard);

class SignInController {
  login(req, res, next) {
    startSignIn(req, res, next);
  }

  callback(req, res, next) {
    finishSignIn(req, res, (error) => (error ? next(error) : res.redirect(AFTER_SIGN_IN)));
  }
}
decorate(SignInController, 'login', [Get('login')], [Req(), Res(), Next()]);
decorate(
  SignInController,
  'callback',
  [Get('authorization-code/callback')],
  [Req(), Res(), Next()],
);
Controller()(SignInController);

class MeController {
  me(req) {
    return req.user;
  }

  profile(req) {
    return profilePage(req.user);
  }
}
decorate(MeController, 'me', [Get('api/me'), UseGuards(AuthenticatedGuard)], [Req()]);
decorate(
  MeController,
  'profile',
  [
    Get('profile'),
    Header('Content-Type', 'text/html; charset=utf-8'),
    UseGuards(AuthenticatedGuard),
  ],
  [Req()],
);
Controller()(MeController);

class AppModule {}
Module({ controllers: [SignInController, MeController] })(AppModule);

const app = await NestFactory.create(AppModule, { logger: false });
app.use(sessionMiddleware());
app.use(authenticator.initialize());
app.use(authenticator.session());
await app.listen(port, HOST);
answerTheBench(() => app.close());

/**
 * What TypeScript does with decorators on `Cls.prototype[name]`: each parameter decorator with
 * its parameter's position, then the method decorators, last first.
 */
function decorate(Cls, name, methodDecorators, parameterDecorators = []) {
  const proto = Cls.prototype;
  parameterDecorators.forEach((decorator, index) => decorator(proto, name, index));
  for (const decorator of [...methodDecorators].reverse()) {
    decorator(proto, name, Object.getOwnPropertyDescriptor(proto, name));
  }
}
