/*
 * The Nest reference: the stack as Nest and the guide set it up. A minimal NestJS app (Express adapter, no
 * logger) with the Express reference's session and Passport setup (oidc-passport.mjs) applied
 * the way Nest's docs apply Express middleware (`app.use` in bootstrap), and `/api/me` behind a
 * guard that only asks `req.isAuthenticated()`. What it costs above the Express reference is
 * NestJS's own; what this app costs above it is the app's. `/health` is public (no guard).
 * Plain ESM JavaScript, so the decorators are applied as functions. Runs as a forked child.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import 'reflect-metadata';
import * as oidc from './oidc-passport.mjs';

/**
 * NestJS as this repository has it, or, with NEST_FROM (an app's folder), from that folder's
 * node_modules: the bench runs the same reference on NestJS 12 from its template app.
 */
const nest = (name) =>
  process.env.NEST_FROM
    ? import(
        pathToFileURL(createRequire(join(process.env.NEST_FROM, 'noop.js')).resolve(name)).href
      )
    : import(name);
const { Controller, Get, Header, Injectable, Module, Next, Req, Res, UseGuards } =
  await nest('@nestjs/common');
const { NestFactory } = await nest('@nestjs/core');

const { middleware, startSignIn, finishSignIn } = oidc.createPassport();

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
    finishSignIn(req, res, (error) => (error ? next(error) : res.redirect(oidc.AFTER_SIGN_IN)));
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
  health() {
    return { status: 'ok' };
  }

  me(req) {
    return req.user;
  }

  profile(req) {
    return oidc.profilePage(req.user);
  }
}
decorate(MeController, 'health', [Get('health')]);
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
for (const handler of middleware) app.use(handler);
await app.listen(oidc.port, oidc.HOST);
oidc.answerTheBench(() => app.close());

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
