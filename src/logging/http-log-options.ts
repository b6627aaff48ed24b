import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { LogLevel } from '../config/app-config';

const REQUEST_ID_HEADER = 'x-request-id';
const TRUSTED_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Request logs carry a request id, the method, the path, the status and the tenant (when the
 * request named one), and nothing else: query
 * strings hold authorization codes and state, headers hold cookies and tokens, so neither is
 * ever written. The redaction list is a second line of defence for code that logs objects.
 */
export function httpLogOptions(
  level: LogLevel,
  unlogged: (path: string) => boolean,
  tenantOf?: (req: IncomingMessage) => string | undefined,
): Options {
  return {
    level,
    genReqId: requestId,
    // Read again when the response is logged, by when the request's tenant is known. Without
    // tenants there is nothing to read: no child logger is made per request for it.
    ...(tenantOf && {
      customProps: (req: IncomingMessage) => {
        const tenant = tenantOf(req);
        return tenant === undefined ? {} : { tenant };
      },
    }),
    autoLogging: {
      ignore: (req) => unlogged(pathOf(req)),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: [
        'req.headers',
        'res.headers',
        '*.cookie',
        '*.authorization',
        '*.accessToken',
        '*.idToken',
        '*.refreshToken',
        '*.tokens',
        '*.client_secret',
        '*.code',
      ],
      censor: '[redacted]',
    },
  };
}

/** Keeps a well-formed id set by a proxy in front, so one request can be followed across hops. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id =
    typeof incoming === 'string' && TRUSTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0];
}
