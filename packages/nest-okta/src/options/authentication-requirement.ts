/**
 * What a route asks of how the user signed in (`@RequireAuthentication`): an `acr` among the
 * listed values (exact match; the step-up asks Okta for the first), and an authentication no
 * older than `maxAgeSeconds`.
 */
export interface AuthenticationRequirement {
  acr?: string[];
  maxAgeSeconds?: number;
}
