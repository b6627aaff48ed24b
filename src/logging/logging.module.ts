import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream, TransportSingleOptions } from 'pino';
import { pinoHttp } from 'pino-http';
import type { NextFunction, Request, Response } from 'express';
import { httpLogOptions, requestId } from './http-log-options';
import type { LogLevel } from '../config/app-config';

export interface LoggingOptions {
  level: LogLevel;
  /** Where JSON lines go; standard output unless a test collects them. */
  destination?: DestinationStream;
  /** Formats the lines instead (pino-pretty in a terminal); only without a `destination`. */
  transport?: TransportSingleOptions;
  /** Paths whose requests are not logged (health probes, static files). */
  unlogged: (path: string) => boolean;
  /** The tenant a request named, for its log line; the app reads it from AuthModule. */
  tenantOf?: (req: IncomingMessage) => string | undefined;
}

/** pino-http's middleware, for the app to mount ahead of everything else. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Structured JSON logs through pino (pretty ones in a development terminal), one line per request with its request id. The request
 * logger is mounted first (by the app, with `app.use`), so every response is logged, including
 * those answered by other modules' middleware; nestjs-pino reuses it for Nest's own logger.
 */
@Module({})
export class LoggingModule {
  static forRoot({
    level,
    destination,
    transport,
    unlogged,
    tenantOf,
  }: LoggingOptions): DynamicModule {
    const options = httpLogOptions(level, unlogged, tenantOf);
    const httpLogger = pinoHttp(destination ? options : { ...options, transport }, destination);
    // At `silent` no request is ever logged: only the request id is left to do per request.
    const perRequest =
      level === 'silent'
        ? (req: Request, res: Response, next: NextFunction) => {
            requestId(req, res);
            next();
          }
        : httpLogger;
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { logger: httpLogger.logger },
          useExisting: true,
          // Binding each request's logger is work for nothing when no line will be written.
          ...(level === 'silent' && { forRoutes: [] }),
        }),
      ],
      providers: [{ provide: HTTP_LOGGER, useValue: perRequest }],
      exports: [HTTP_LOGGER],
    };
  }
}
