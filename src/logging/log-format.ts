import type { TransportSingleOptions } from 'pino';
import type { NodeEnvironment } from '../config/app-config';

/**
 * pino-pretty, run by pino in its transport thread: one coloured line per entry, with Nest's
 * context in brackets and a request's method, path, status and time in place of its JSON objects.
 */
export const PRETTY_TRANSPORT: TransportSingleOptions = {
  target: 'pino-pretty',
  options: {
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat:
      '{if context}[{context}] {end}{msg}{if req.method} {req.method} {req.path}{end}{if res.statusCode} {res.statusCode}{end}{if responseTime} in {responseTime} ms{end}',
  },
};

/**
 * Pretty lines for a person reading a terminal in development; JSON lines everywhere else
 * (always in production, and whenever the output is piped to a file or a log collector, which
 * parse them).
 */
export function logTransport({
  nodeEnv,
  stdoutIsTerminal,
}: {
  nodeEnv: NodeEnvironment;
  stdoutIsTerminal: boolean;
}): TransportSingleOptions | undefined {
  return nodeEnv !== 'production' && stdoutIsTerminal ? PRETTY_TRANSPORT : undefined;
}
