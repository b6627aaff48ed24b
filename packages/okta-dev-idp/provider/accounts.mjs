// @ts-check
/**
 * A demo user: the Okta profile claims plus the credentials the sign-in page accepts. Any other
 * property is a claim too (oidc-provider releases those the granted scopes allow).
 * @typedef {object} DemoUser
 * @property {string} sub Okta-style user id
 * @property {string} username the login
 * @property {string} password
 * @property {'email'[]} [authenticators] the factors the user has enrolled beyond the password:
 *   `email`, a one-time code sent to the development mailbox (`/dev/mailbox`), which a sign-in
 *   asking for `urn:okta:loa:2fa:any` uses
 * @property {'email'} [secondFactor] what the user's sign-on policy asks for at every sign-in,
 *   after the password (it implies the enrolment)
 * @property {string} name
 * @property {string} email
 * @property {string[]} groups
 * @property {string} [given_name]
 * @property {string} [family_name]
 * @property {boolean} [email_verified]
 * @property {string} [preferred_username]
 * @property {string} [locale]
 * @property {string} [zoneinfo]
 */

/** What the sign-in needs but no token or userinfo answer may carry. */
const CREDENTIALS = new Set(['username', 'password', 'secondFactor', 'authenticators']);

/** @param {DemoUser[]} users */
export function createAccountStore(users) {
  const bySub = new Map(users.map((user) => [user.sub, user]));
  // Okta logins are case-insensitive.
  const byLogin = new Map(users.map((user) => [user.username.toLowerCase(), user]));

  return {
    users,

    /**
     * oidc-provider's `findAccount`. All claims are returned; oidc-provider keeps those the
     * granted scopes allow.
     * @param {unknown} _ctx
     * @param {string} sub
     */
    async findAccount(_ctx, sub) {
      const user = bySub.get(sub);
      if (!user) return undefined;
      const claims = Object.fromEntries(
        Object.entries(user).filter(([key]) => !CREDENTIALS.has(key)),
      );
      return { accountId: sub, claims: async () => claims };
    },

    /**
     * Whether a login exists, for the Identity Engine's "unknown user" answer.
     * @param {string} username
     * @returns {string | undefined} the account id
     */
    accountIdFor(username) {
      return byLogin.get(username.trim().toLowerCase())?.sub;
    },

    /**
     * @param {string} accountId
     * @returns {DemoUser | undefined}
     */
    userOf(accountId) {
      return bySub.get(accountId);
    },

    /**
     * @param {string} username
     * @param {string} password
     * @returns {string | undefined} the account id when the credentials match
     */
    authenticate(username, password) {
      const user = byLogin.get(username.trim().toLowerCase());
      return user?.password === password ? user.sub : undefined;
    },
  };
}

/** @typedef {ReturnType<typeof createAccountStore>} AccountStore */
