import { request } from 'node:http';

/**
 * `fetch` as a browser does it for `localhost` and `*.localhost` (RFC 6761): the connection goes to loopback
 * and the URL's host stays in the `Host` header. Node cannot resolve those names, and its
 * `fetch` ignores a `host` header, so such requests go through `node:http`; any other URL goes
 * to `fetch` as it is. Bodies are strings or forms, as the test `Browser` sends them.
 */
export async function loopbackFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  if (target.hostname !== 'localhost' && !target.hostname.endsWith('.localhost')) {
    return fetch(url, init);
  }
  const body = textOf(init.body);
  const headers = new Headers(init.headers);
  headers.set('host', target.host);
  if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        // A connection per request: a pooled one outlives an app a test restarts on its port.
        agent: false,
        port: target.port || 80,
        method: init.method ?? 'GET',
        path: `${target.pathname}${target.search}`,
        headers: Object.fromEntries(headers),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const answer = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            for (const one of [value ?? []].flat()) answer.append(name, one);
          }
          const status = res.statusCode ?? 500;
          const content = [204, 304].includes(status) ? null : Buffer.concat(chunks);
          resolve(new Response(content, { status, headers: answer }));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function textOf(body: RequestInit['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof URLSearchParams) return body.toString();
  throw new Error('loopbackFetch sends string and form bodies only');
}
