// @ts-check

/*
 * The org's authentication policy, as the development provider models it: a password for
 * everyone; the Email authenticator as the one second factor, for users enrolled in it; a user
 * whose policy says so (`secondFactor: "email"`) is asked for it at every sign-in. An app may ask
 * for more with Okta's predefined `acr_values`; the ID token then names the value it met in
 * `acr`, with the methods used in `amr` and the time of the authentication in `auth_time`.
 */

/** @typedef {import('./accounts.mjs').DemoUser} DemoUser */

/** Okta's predefined `acr_values`, in the provider's metadata as `acr_values_supported`. */
export const ACR_VALUES = /** @type {const} */ ({
  oneFactorAny: 'urn:okta:loa:1fa:any',
  oneFactorPassword: 'urn:okta:loa:1fa:pwd',
  twoFactors: 'urn:okta:loa:2fa:any',
  twoFactorsIfPossible: 'urn:okta:loa:2fa:any:ifpossible',
  phishingResistant: 'phr',
  phishingResistantHardware: 'phrh',
});
export const SUPPORTED_ACR_VALUES = Object.values(ACR_VALUES);

/** `amr` as Okta reports the methods: the password, then the Email authenticator's code. */
const PASSWORD_ONLY = ['pwd'];
const PASSWORD_AND_EMAIL = ['pwd', 'email', 'mfa'];

/**
 * What a sign-in of `user` must verify: `unmet` when the requested level cannot be reached (no
 * second factor enrolled for `2fa:any`; no phishing-resistant authenticator exists here).
 * @typedef {{ unmet: true } | { unmet: false, emailCode: boolean }} Factors
 */

/**
 * The `acr` value a request asks for: the first of its `acr_values` (their order is the app's
 * preference). `undefined` when it asks for none.
 * @param {unknown} acrValues the parameter as sent
 * @returns {string | undefined}
 * @throws {Error} a value Okta does not define: the caller answers `invalid_request`
 */
export function requestedAcr(acrValues) {
  if (acrValues === undefined || acrValues === '') return undefined;
  const values = typeof acrValues === 'string' ? acrValues.split(' ').filter(Boolean) : [];
  const unknown = values.find(
    (value) => !SUPPORTED_ACR_VALUES.includes(/** @type {any} */ (value)),
  );
  if (values.length === 0 || unknown !== undefined) {
    throw new Error(
      `acr_values must be among ${SUPPORTED_ACR_VALUES.join(', ')}; got "${String(acrValues)}"`,
    );
  }
  return values[0];
}

/** @param {DemoUser} user */
export function hasEmailAuthenticator(user) {
  return user.secondFactor === 'email' || (user.authenticators ?? []).includes('email');
}

/**
 * The factors a sign-in of `user` takes, for the `acr` it asks for.
 * @param {DemoUser} user
 * @param {string | undefined} acr
 * @returns {Factors}
 */
export function factorsFor(user, acr) {
  const enrolled = hasEmailAuthenticator(user);
  const policyAsks = user.secondFactor === 'email';
  switch (acr) {
    case ACR_VALUES.twoFactors:
      return enrolled ? { unmet: false, emailCode: true } : { unmet: true };
    case ACR_VALUES.twoFactorsIfPossible:
      return { unmet: false, emailCode: enrolled };
    case ACR_VALUES.phishingResistant:
    case ACR_VALUES.phishingResistantHardware:
      return { unmet: true };
    default:
      return { unmet: false, emailCode: policyAsks };
  }
}

/**
 * What the sign-in reports: the `acr` it was asked for and met, and its methods.
 * @param {string | undefined} acr
 * @param {boolean} emailCode whether the code was verified
 */
export function authenticationResult(acr, emailCode) {
  return {
    ...(acr !== undefined && { acr }),
    amr: emailCode ? PASSWORD_AND_EMAIL : PASSWORD_ONLY,
  };
}

/**
 * Whether methods already verified (a session's `amr`) give what a sign-in needs now.
 * @param {Factors} factors
 * @param {string[] | undefined} amr
 */
export function alreadyVerified(factors, amr) {
  return !factors.unmet && (!factors.emailCode || (amr ?? []).includes('email'));
}

/** The error Okta answers a level it cannot reach with. */
export const UNMET = {
  error: 'unmet_authentication_requirements',
  error_description:
    'The user cannot meet the requested authentication level: no authenticator that reaches it is enrolled.',
};
