// @ts-check

/** @typedef {import('../accounts.mjs').DemoUser} DemoUser */

/**
 * The two ways an Okta admin can have Universal Logout name the user (the app integration's
 * "Subject format"), as RFC 9493 subject identifiers: by email address, Okta's default, or by
 * issuer and subject, the `iss` and `sub` of the ID tokens the app received.
 */
export const SUBJECT_FORMATS = /** @type {const} */ (['email', 'iss_sub']);

/** @typedef {typeof SUBJECT_FORMATS[number]} SubjectFormat */

/**
 * @param {unknown} value
 * @returns {value is SubjectFormat}
 */
export function isSubjectFormat(value) {
  return SUBJECT_FORMATS.includes(/** @type {SubjectFormat} */ (value));
}

/**
 * @param {DemoUser} user
 * @param {SubjectFormat} format
 * @param {string} issuer the custom authorization server the app signs in with
 */
export function subjectIdentifier(user, format, issuer) {
  return format === 'email'
    ? { format, email: user.email }
    : { format, iss: issuer, sub: user.sub };
}
