// @ts-check
import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether a host to listen on, or a peer's address, stays on this machine: `localhost`, the
 * whole 127.0.0.0/8 block, `::1` in any spelling, and IPv4-mapped forms such as
 * `::ffff:127.0.0.1` (how a dual-stack socket reports an IPv4 loopback peer). Any other name is
 * refused, because what it resolves to is not known here.
 * @param {string | undefined} host
 */
export function isLoopback(host) {
  if (!host) return false;
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  const ipv4 = mapped ? mapped[1] : bare;
  if (isIPv4(ipv4)) return ipv4.startsWith('127.');
  // The URL parser writes an IPv6 address in its shortest form, so 0:0:0:0:0:0:0:1 is ::1.
  return isIPv6(bare) && new URL(`http://[${bare}]`).hostname === '[::1]';
}
