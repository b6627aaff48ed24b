import { request } from 'node:http';
import { HOST } from './processes.mjs';

/**
 * `*.localhost` names (RFC 6761) as a browser treats them: the connection goes to loopback and
 * the name stays in the Host header, so a tenant resolved by host (`acme.localhost:PORT`) is
 * reached although Node's resolver knows no such name. Other URLs are left as they are.
 */
export function viaLoopback(url, headers = {}) {
  const target = new URL(url);
  if (!target.hostname.endsWith('.localhost')) return { url: target.toString(), headers };
  const host = target.host;
  target.hostname = HOST;
  return { url: target.toString(), headers: { ...headers, host } };
}

/**
 * One request as the bench's `Browser` makes it (no redirects followed): by `fetch`, or for a
 * `*.localhost` URL by `node:http`, since `fetch` would neither resolve the name nor send the
 * Host header given. Answers { status, setCookies, location, body }.
 */
export async function browserRequest(url, { method, headers, body }) {
  const target = viaLoopback(url, headers);
  if (target.headers === headers) {
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    return {
      status: response.status,
      setCookies: response.headers.getSetCookie(),
      location: response.headers.get('location') ?? undefined,
      body: await response.text(),
    };
  }
  const sent = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = request(
      sent,
      {
        method,
        agent: false,
        headers: {
          ...target.headers,
          ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            setCookies: res.headers['set-cookie'] ?? [],
            location: res.headers.location,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
