import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  InternalServerErrorException,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInService } from '../access/sign-in.service';
import {
  GroupsRequiredException,
  SignInException,
  SignInRequiredException,
  StepUpRequiredException,
  UnknownTenantException,
} from '../errors/auth.exceptions';
import { tenantOf } from '../request/request-context';
import { wantsJson } from '../request/wants-json';
import { ProblemResponse } from './problem-response';
import { PROVIDER_ERRORS, providerFailureToHttp } from '../errors/provider-failure';

/**
 * The module's own failures, wherever they surface (its routes, its guards, a handler calling
 * `AccessTokenService`), answered the module's way. Registered with `APP_FILTER`; an app's
 * catch-all filter registered the same way in its root module runs after this one.
 */
@Catch(
  SignInException,
  SignInRequiredException,
  StepUpRequiredException,
  GroupsRequiredException,
  UnknownTenantException,
  ...PROVIDER_ERRORS,
)
export class AuthExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly problems: ProblemResponse,
    private readonly signIns: SignInService,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    // A page asked for with GET is signed in again and comes back; nothing else is redirected,
    // so no request body is lost on the way.
    if (exception instanceof StepUpRequiredException && req.method === 'GET' && !wantsJson(req)) {
      this.signIns
        .stepUp(req, res, exception.returnTo, exception.requirement)
        .catch((error: unknown) => this.stepUpFailed(req, res, error));
      return;
    }
    const httpException =
      exception instanceof HttpException ? exception : providerFailureToHttp(exception, 'request')!;
    if (!(exception instanceof HttpException)) {
      const tenant = tenantOf(req);
      const at = tenant === undefined ? '' : ` (tenant ${tenant})`;
      this.logger.warn(`${req.method} ${req.path}${at}: ${(exception as Error).message}`);
    }
    this.problems.send(req, res, httpException);
  }

  /** A step-up that could not start (too many sign-ins, the provider or the store down). */
  private stepUpFailed(req: Request, res: Response, error: unknown): void {
    if (res.headersSent) return;
    if (error instanceof HttpException) {
      this.problems.send(req, res, error);
      return;
    }
    this.logger.error(`${req.method} ${req.path}: the step-up could not start`, error);
    this.problems.send(req, res, new InternalServerErrorException());
  }
}
