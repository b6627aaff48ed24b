import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AUTH_SETTINGS, type AuthSettings } from '../options/auth-settings';
import {
  AuthProblem,
  SignInRequiredException,
  StepUpRequiredException,
} from '../errors/auth.exceptions';
import { plainPage } from '../errors/plain-page';
import { wantsJson } from '../request/wants-json';
import { routeUrl } from '../request/request-context';

/**
 * How the module answers every failure of its own: browsers asked to sign in are sent to the
 * login route and back, API clients get JSON, people get the app's error view (or a plain page
 * when it has none). Never a stack trace.
 */
@Injectable()
export class ProblemResponse {
  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {}

  send(req: Request, res: Response, exception: HttpException): void {
    const login = routeUrl(req, this.settings.routes.login);
    if (exception instanceof SignInRequiredException && !wantsJson(req)) {
      res.redirect(`${login}?returnTo=${encodeURIComponent(exception.returnTo)}`);
      return;
    }
    if (exception instanceof StepUpRequiredException) {
      res.setHeader('WWW-Authenticate', exception.challenge());
    }
    const problem = toProblem(exception);
    res.status(problem.statusCode);
    if (wantsJson(req)) {
      res.json(problem);
      return;
    }
    const signInAgain = problem.statusCode === 400 || problem.statusCode === 401;
    const { errorView } = this.settings;
    if (errorView) {
      res.render(errorView, { title: problem.error, ...problem, signInAgain, loginPath: login });
      return;
    }
    res
      .type('html')
      .send(
        plainPage(problem.error, [
          `Error ${problem.statusCode}`,
          problem.message,
          signInAgain
            ? { link: login, text: 'Sign in again' }
            : { link: routeUrl(req, '/'), text: 'Home' },
        ]),
      );
  }
}

function toProblem(exception: HttpException): AuthProblem {
  const statusCode = exception.getStatus();
  const body = exception.getResponse() as Partial<AuthProblem> | string;
  if (typeof body === 'string') return { statusCode, error: exception.name, message: body };
  return {
    statusCode,
    error: typeof body.error === 'string' ? body.error : exception.name,
    message: typeof body.message === 'string' ? body.message : exception.message,
  };
}
