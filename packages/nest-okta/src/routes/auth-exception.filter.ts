import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  GroupsRequiredException,
  SignInException,
  SignInRequiredException,
  UnknownTenantException,
} from '../errors/auth.exceptions';
import { tenantOf } from '../request/request-context';
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
  GroupsRequiredException,
  UnknownTenantException,
  ...PROVIDER_ERRORS,
)
export class AuthExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Auth');

  constructor(private readonly problems: ProblemResponse) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const httpException =
      exception instanceof HttpException ? exception : providerFailureToHttp(exception, 'request')!;
    if (!(exception instanceof HttpException)) {
      const tenant = tenantOf(req);
      const at = tenant === undefined ? '' : ` (tenant ${tenant})`;
      this.logger.warn(`${req.method} ${req.path}${at}: ${(exception as Error).message}`);
    }
    this.problems.send(req, res, httpException);
  }
}
