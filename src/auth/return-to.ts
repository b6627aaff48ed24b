const BASE = 'http://return-to.invalid';
const MAX_LENGTH = 2048;

/**
 * Keeps a post-sign-in destination on this site: only a relative path is accepted, and
 * anything else (absolute, protocol-relative, backslash tricks, control characters) becomes `/`.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  if (
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.includes('\\') ||
    hasControlCharacter(value)
  ) {
    return '/';
  }
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControlCharacter(value: string): boolean {
  return [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}
