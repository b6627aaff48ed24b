import ipaddr from 'ipaddr.js';

/**
 * Who a client is for the rate limits, from its address in canonical form, so one address has
 * one key however it is written (`1::2:3:4:5:1.2.3.4` and `1:0:2:3:4:5:102:304` are one). One
 * IPv6 client usually holds a whole /64 and can pick any address in it, so IPv6 addresses count
 * by their /64; IPv4-mapped IPv6 addresses count as the IPv4 address they are.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address.split('%')[0]);
  } catch {
    return 'unknown';
  }
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const [a, b, c, d] = (parsed as ipaddr.IPv6).parts.map((part) => part.toString(16));
  return `${a}:${b}:${c}:${d}::/64`;
}
