import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInRequiredException } from '../auth/sign-in.exceptions';
import { fromKnownFailure } from './known-failures';
import { Problem, sendProblem } from './send-problem';
import { wantsJson } from './wants-json';

/**
 * Every error becomes a clear page (or JSON for API clients) with the right status. Unknown
 * errors are logged and shown as a generic 500: no stack trace ever reaches the user.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;

    if (exception instanceof SignInRequiredException && !wantsJson(req)) {
      res.redirect(`/login?returnTo=${encodeURIComponent(exception.returnTo)}`);
      return;
    }
    const known = fromKnownFailure(exception);
    const problem = toProblem(known);
    if (problem.statusCode >= 500 && !(known instanceof HttpException)) {
      this.logger.error(`${req.method} ${req.path} failed`, (exception as Error)?.stack);
    }
    sendProblem(req, res, problem);
  }
}

function toProblem(exception: unknown): Problem {
  if (!(exception instanceof HttpException)) {
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Something went wrong',
      message: 'An unexpected error occurred. Please try again.',
    };
  }
  const statusCode = exception.getStatus();
  const body = exception.getResponse();
  if (typeof body === 'string') return { statusCode, error: exception.name, message: body };
  const { error, message } = body as { error?: unknown; message?: unknown };
  return {
    statusCode,
    error: typeof error === 'string' ? error : exception.name,
    message: Array.isArray(message)
      ? message.join(' ')
      : typeof message === 'string'
        ? message
        : exception.message,
  };
}
