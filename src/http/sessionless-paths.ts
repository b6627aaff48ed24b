/**
 * Paths served without a session, without request logs and with their own caching: health
 * probes and static files must work, and stay cheap, whatever the session store is doing.
 */
export const SESSIONLESS_PATHS = ['/health', '/assets/', '/favicon.ico'];

export function isSessionlessPath(path: string): boolean {
  return SESSIONLESS_PATHS.some((prefix) => path === prefix || path.startsWith(prefix));
}
