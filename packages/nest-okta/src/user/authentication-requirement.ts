import type { SignedInUserFields } from '../options/after-sign-in';
import type { AuthenticationRequirement } from '../options/authentication-requirement';

/**
 * Clocks differ a little between Okta and the app. The same allowance applies when a step-up
 * comes back and when the route checks it right after, so what the callback accepts the route
 * accepts too: no step-up can loop.
 */
const CLOCK_SKEW_S = 10;

/** Whether the session's sign-in meets the requirement at `nowMs`. */
export function meetsRequirement(
  user: Pick<SignedInUserFields, 'acr' | 'authTime'>,
  { acr, maxAgeSeconds }: AuthenticationRequirement,
  nowMs = Date.now(),
): boolean {
  if (acr && (user.acr === undefined || !acr.includes(user.acr))) return false;
  if (maxAgeSeconds === undefined) return true;
  return (
    user.authTime !== undefined && nowMs / 1000 - user.authTime <= maxAgeSeconds + CLOCK_SKEW_S
  );
}
