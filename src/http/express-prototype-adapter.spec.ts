import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { ExpressPrototypeAdapter } from './express-prototype-adapter';

describe('ExpressPrototypeAdapter', () => {
  it("makes each request and response with the app's own prototypes", async () => {
    const adapter = new ExpressPrototypeAdapter();
    const app = adapter.getInstance<Express>();
    const seen: boolean[] = [];
    app.get('/', (_req, res) => res.send('ok'));
    adapter.initHttpServer({});
    const server = adapter.getHttpServer() as Server;
    // Before Express's own listener, which would set the prototypes anyway.
    server.prependListener('request', (req, res) => {
      seen.push(Object.getPrototypeOf(req) === app.request);
      seen.push(Object.getPrototypeOf(res) === app.response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`);
      expect(await answer.text()).toBe('ok');
      expect(seen).toEqual([true, true]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses options it does not implement, rather than ignoring them', () => {
    expect(() =>
      new ExpressPrototypeAdapter().initHttpServer({ forceCloseConnections: true }),
    ).toThrow(/plain HTTP/);
  });
});
