import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  isSessionStoreFailure,
  SessionStoreUnavailableException,
} from '../session/session-store-unavailable';
import { Problem, sendProblem } from './send-problem';

/**
 * Every error AuthModule does not answer itself becomes a clear page (or JSON for API clients)
 * with the right status. A client's malformed request is a 4xx with a fixed message (parsers'
 * own words can echo the request); unknown errors are logged and shown as a generic 500.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('AppExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const problem = toProblem(exception);
    if (problem.statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(`${req.method} ${req.path} failed`, (exception as Error)?.stack);
    }
    sendProblem(req, res, problem);
  }
}

function toProblem(exception: unknown): Problem {
  if (isSessionStoreFailure(exception)) {
    return problemOf(new SessionStoreUnavailableException(exception));
  }
  // Nest raises these itself, with the parser's or router's words about the request (`Unexpected
  // token…`, `Failed to decode param…`, `Cannot GET /…`): the client gets fixed ones instead.
  if (exception?.constructor === BadRequestException) return unreadable(HttpStatus.BAD_REQUEST);
  if (exception?.constructor === NotFoundException) {
    return { statusCode: 404, error: 'Not found', message: 'There is no page at this address.' };
  }
  if (exception instanceof HttpException) return problemOf(exception);
  const clientError = clientErrorStatus(exception);
  if (clientError) return unreadable(clientError);
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: 'Something went wrong',
    message: 'An unexpected error occurred. Please try again.',
  };
}

function unreadable(statusCode: number): Problem {
  return {
    statusCode,
    error: 'Bad request',
    message: 'The request could not be read. Check its body, encoding and headers.',
  };
}

/** body-parser, serve-static and friends mark errors caused by the request with a 4xx status. */
function clientErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, statusCode, expose } = exception as Record<string, unknown>;
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 && expose !== false
    ? code
    : undefined;
}

function problemOf(exception: HttpException): Problem {
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
