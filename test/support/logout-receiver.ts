import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

/**
 * Stands in for the app's Global Token Revocation endpoint: records every request and answers
 * with whatever status the test sets, as the real endpoint's outcomes would.
 */
export class LogoutReceiver {
  status = 204;
  readonly requests: ReceivedRequest[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<LogoutReceiver> {
    const server = createServer();
    const receiver = new LogoutReceiver(server);
    server.on('request', (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        receiver.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body,
        });
        res.statusCode = receiver.status;
        res.end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return receiver;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The one request received since the last call; anything else is a failure. */
  takeOne(): ReceivedRequest {
    const taken = this.requests.splice(0);
    if (taken.length !== 1) throw new Error(`Expected one request, got ${taken.length}`);
    return taken[0];
  }

  async stop(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }
}
