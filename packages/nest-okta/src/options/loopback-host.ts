/**
 * Whether a URL's host name is this machine: the one place plain http is acceptable. Names under
 * `.localhost` count too (RFC 6761: they resolve to loopback), so tenants can be told apart by
 * host in development, as at `acme.localhost:8080`.
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}
