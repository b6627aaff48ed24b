import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * This machine's first non-loopback IPv4 address. A server bound to 127.0.0.1 refuses
 * connections made to it, while one bound to every interface accepts them, which is how these
 * tests tell the two apart.
 */
export function nonLoopbackAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  throw new Error('These tests need a network interface besides loopback to connect through');
}

/** Whether a TCP connection to `host:port` is accepted. */
export function acceptsConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
