import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '../config/app-config';
import { httpLogOptions } from './http-log-options';

export interface LoggingOptions {
  level: LogLevel;
  /** Where JSON lines go; standard output unless a test collects them. */
  destination?: DestinationStream;
}

/** Structured JSON logs through pino, one line per request with its request id. */
@Module({})
export class LoggingModule {
  static forRoot({ level, destination }: LoggingOptions): DynamicModule {
    const options = httpLogOptions(level);
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options })],
    };
  }
}
