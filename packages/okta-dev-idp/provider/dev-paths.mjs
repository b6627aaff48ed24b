// @ts-check
/*
 * The provider's development pages, outside Okta's URL layout under a prefix no Okta endpoint
 * uses. Kept apart from their routes so the command line can name them without loading Express.
 */

/** Where emailed one-time codes can be read. */
export const MAILBOX_PATH = '/dev/mailbox';

/** Where a developer (or `okta-dev-idp universal-logout`) asks for a Universal Logout. */
export const UNIVERSAL_LOGOUT_PATH = '/dev/universal-logout';
