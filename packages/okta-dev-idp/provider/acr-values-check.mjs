// @ts-check
import { errors, interactionPolicy } from './oidc-provider.mjs';

import { requestedAcr } from './sign-on-policy.mjs';

const { Check } = interactionPolicy;

/** The reason the sign-in pages see when only the level is missing: a step-up. */
export const ACR_VALUES_REASON = 'acr_values';

/**
 * Adds Okta's handling of `acr_values` to the login prompt: a request asking for a level the
 * session's sign-in was not made at goes to the sign-in pages, which ask only for what is
 * missing (see interactions.mjs). A value Okta does not define is an `invalid_request`. The
 * prompt's other checks (no session, `max_age`, `prompt=login`) stay oidc-provider's own, and
 * under `prompt=none` this one answers `login_required` like them.
 * @param {any} policy an oidc-provider interaction policy
 */
export function withAcrValuesCheck(policy) {
  policy.get('login').checks.add(
    new Check(
      ACR_VALUES_REASON,
      'the requested acr_values were not met',
      (/** @type {any} */ ctx) => {
        let acr;
        try {
          acr = requestedAcr(ctx.oidc.params.acr_values);
        } catch (error) {
          throw new errors.InvalidRequest(/** @type {Error} */ (error).message);
        }
        if (acr === undefined || ctx.oidc.session.acr === acr) return Check.NO_NEED_TO_PROMPT;
        return Check.REQUEST_PROMPT;
      },
    ),
  );
  return policy;
}
