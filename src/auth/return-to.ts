const BASE = 'http://return-to.invalid';
const MAX_LENGTH = 2048;

/**
 * Keeps a post-sign-in destination on this site: only a relative path is accepted, and
 * anything else (absolute, protocol-relative, backslash tricks, control characters) becomes `/`.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) {
    return '/';
  }
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
