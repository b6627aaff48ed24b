import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

/**
 * The local addresses a TCP port is listening on, read from the kernel's socket tables
 * (/proc/net/tcp and tcp6) rather than by connecting from outside loopback: tests never send
 * traffic beyond 127.0.0.1. `127.0.0.1` means loopback only; `0.0.0.0` or `::` every interface.
 */
export function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', decodeIpv4],
    ['/proc/net/tcp6', decodeIpv6],
  ] as const) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue;
      const [address, hexPort] = local.split(':');
      if (parseInt(hexPort, 16) === port) addresses.push(decode(address));
    }
  }
  return addresses;
}

/** /proc writes an IPv4 address as one little-endian hex word. */
function decodeIpv4(hex: string): string {
  return [6, 4, 2, 0].map((at) => parseInt(hex.slice(at, at + 2), 16)).join('.');
}

/** Only the two answers these tests tell apart: the unspecified address, or anything else. */
function decodeIpv6(hex: string): string {
  return /^0+$/.test(hex) ? '::' : hex;
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
