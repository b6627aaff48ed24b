const BASE = 'http://return-to.invalid';
const MAX_LENGTH = 2048;

/**
 * Keeps a post-sign-in destination on this site. The value is normalised first (dot segments
 * collapse, `%2e` counts as a dot) and the result is what gets checked and used: `/.//evil`
 * normalises to `//evil`, which a browser reads as another host. Anything that is not a plain
 * same-site path afterwards becomes `/`.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !value.startsWith('/')) return '/';
  if (value.includes('\\') || hasControlCharacter(value) || !URL.canParse(value, BASE)) return '/';
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return '/';
  const target = `${url.pathname}${url.search}${url.hash}`;
  return isPlainPath(target) ? target : '/';
}

function isPlainPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\');
}

function hasControlCharacter(value: string): boolean {
  return [...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}
