// @ts-check

/**
 * oidc-provider's errors keep the useful part (which client metadata is wrong) in
 * `error_description`, next to a bare OAuth error code in `message`.
 * @param {unknown} error
 */
export function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  const { error_description: detail } = /** @type {{ error_description?: string }} */ (error);
  return detail ? `${error.message}: ${detail}` : error.message;
}
