import { createServer, request } from 'node:http';
import { HOST } from './processes.mjs';

/** Requests the bench's own browser client makes carry this header, and are not counted. */
export const BROWSER_HEADER = 'x-bench-browser';

/**
 * A reverse proxy in front of the identity provider that the clients know as the issuer, so
 * every call reaches the provider through it. Browser traffic (marked by the bench's client) is
 * passed through uncounted; everything else is a back-channel call from a relying party, counted
 * by endpoint (`discovery`, `keys`, `token`, `userinfo`, ...).
 */
export async function startCountingProxy({ port, targetPort }) {
  const counts = new Map();
  const server = createServer((req, res) => {
    if (!req.headers[BROWSER_HEADER]) {
      const endpoint = endpointOf(req.url);
      counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
    }
    const upstream = request(
      { host: HOST, port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(port, HOST, resolve));
  return {
    /** A copy of the counts so far: back-channel calls by endpoint. */
    snapshot: () => new Map(counts),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Back-channel calls between two snapshots: total and by endpoint. */
export function callsBetween(before, after) {
  const byEndpoint = {};
  let total = 0;
  for (const [endpoint, count] of after) {
    const delta = count - (before.get(endpoint) ?? 0);
    if (delta > 0) {
      byEndpoint[endpoint] = delta;
      total += delta;
    }
  }
  return { total, byEndpoint };
}

function endpointOf(url) {
  const path = url.split('?')[0];
  if (path.endsWith('/.well-known/openid-configuration')) return 'discovery';
  const match = /\/v1\/(\w+)/.exec(path);
  return match ? match[1] : path;
}
