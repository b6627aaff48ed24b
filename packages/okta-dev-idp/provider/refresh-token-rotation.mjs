// @ts-check

/*
 * Okta's "Rotate token after every use": each refresh returns a new refresh token and the one
 * sent is used up. oidc-provider does the rotation (`rotateRefreshToken: true`) and Okta's reuse
 * detection: a used-up token sent again is refused with invalid_grant and the whole grant (the
 * newest refresh token and every access token) is revoked.
 *
 * What oidc-provider lacks is Okta's grace period: for a while after a rotation the previous
 * token still works, so a client that lost the response (a dropped connection, two requests
 * racing) can retry. That is added here, at the storage layer, where "used up" is recorded:
 *
 * - only the token most recently rotated out of a grant gets the grace period; an older one
 *   (its successor has been used too) is refused at once, like any reuse;
 * - the period runs from the first rotation; using the token again within it does not extend it.
 */

/** The bounds Okta's app settings allow for the grace period, in seconds (default 30). */
export const GRACE_PERIOD_RANGE = { min: 0, max: 60, okta: 30 };

/**
 * @param {unknown} seconds
 * @returns {number}
 */
export function parseGracePeriod(seconds) {
  const { min, max } = GRACE_PERIOD_RANGE;
  if (!Number.isInteger(seconds) || Number(seconds) < min || Number(seconds) > max) {
    throw new Error(
      `refreshTokenGracePeriodSeconds must be a whole number of seconds from ${min} to ${max}, not ${String(seconds)}`,
    );
  }
  return Number(seconds);
}

/**
 * Wraps an oidc-provider adapter factory so that refresh tokens honour the grace period.
 * @template {(model: string) => any} Factory
 * @param {Factory} adapterFactory
 * @param {number} gracePeriodSeconds
 * @returns {Factory}
 */
export function withRotationGracePeriod(adapterFactory, gracePeriodSeconds) {
  /** @type {Map<string, string>} grant id → the refresh token most recently rotated out of it */
  const lastRotatedOut = new Map();

  /** @param {{ consumed?: number }} payload */
  const inGracePeriod = (payload) =>
    payload.consumed !== undefined && Date.now() / 1000 < payload.consumed + gracePeriodSeconds;

  return /** @type {Factory} */ (
    (/** @type {string} */ model) => {
      const adapter = adapterFactory(model);
      if (model !== 'RefreshToken') return adapter;
      return {
        ...adapter,

        /** @param {string} id */
        async find(id) {
          const payload = await adapter.find(id);
          if (payload && lastRotatedOut.get(payload.grantId) === id && inGracePeriod(payload)) {
            // oidc-provider then treats it as unused: it rotates again instead of revoking.
            const unused = { ...payload };
            delete unused.consumed;
            return unused;
          }
          return payload;
        },

        /** @param {string} id */
        async consume(id) {
          const payload = await adapter.find(id);
          if (!payload) return;
          lastRotatedOut.set(payload.grantId, id);
          if (payload.consumed === undefined) await adapter.consume(id);
        },

        /** @param {string} grantId */
        async revokeByGrantId(grantId) {
          lastRotatedOut.delete(grantId);
          await adapter.revokeByGrantId(grantId);
        },
      };
    }
  );
}
