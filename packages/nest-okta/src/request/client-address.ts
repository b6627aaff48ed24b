import { isIP } from 'node:net';

/**
 * Who a client is for the sign-in rate limit. One IPv6 client usually holds a whole /64 and can
 * pick any address in it, so IPv6 addresses count by their /64; IPv4-mapped IPv6 addresses count
 * as the IPv4 address they are.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without `::` shortening or a zone. */
function expandIpv6(address: string): string[] {
  const [head, tail = ''] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = address.includes('::')
    ? [...left, ...Array<string>(missing).fill('0'), ...right]
    : left;
  return groups.map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
