/**
 * Where the app receives Okta's Universal Logout requests (its Global Token Revocation endpoint).
 * The development identity provider is told the full URL, which is also the `aud` of the JWT it
 * signs, so the app's endpoint and this path must agree.
 */
export const GLOBAL_TOKEN_REVOCATION_PATH = '/global-token-revocation';

/** @param baseUrl the app's public origin (APP_BASE_URL), without a trailing slash */
export function globalTokenRevocationEndpoint(baseUrl: string): string {
  return `${baseUrl}${GLOBAL_TOKEN_REVOCATION_PATH}`;
}
