// @ts-check
import { readdir, readFile } from 'node:fs/promises';

/**
 * A demo user: the Okta profile claims plus the credentials the sign-in page accepts.
 * @typedef {object} DemoUser
 * @property {string} sub Okta-style user id
 * @property {string} username the login
 * @property {string} password
 * @property {'email'} [secondFactor] what the sign-on policy asks for after the password: `email`,
 *   a one-time code sent to the development mailbox (`/dev/mailbox`)
 * @property {string} name
 * @property {string} given_name
 * @property {string} family_name
 * @property {string} email
 * @property {boolean} email_verified
 * @property {string} preferred_username
 * @property {string[]} groups
 * @property {string} locale
 * @property {string} zoneinfo
 */

/** What the sign-in needs but no token or userinfo answer may carry. */
const CREDENTIALS = new Set(['username', 'password', 'secondFactor']);

/** An org's name is a tenant id: a lowercase DNS label, so it is safe in a file name too. */
const ORG_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The demo users of one org. Without a name, the default org's `users.json`; a named org (one
 * per tenant, for multi-tenant development) has its own `users.<org>.json`, so a user of one org
 * cannot sign in at another.
 * @param {string} [org]
 * @returns {Promise<DemoUser[]>}
 */
export async function loadDemoUsers(org) {
  if (org === undefined) return readUsers('users.json');
  if (!ORG_NAME.test(org)) {
    throw new Error(`An org name must be a lowercase DNS label; got "${org}". Example: acme`);
  }
  try {
    return await readUsers(`users.${org}.json`);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
    throw new Error(
      `There is no development org "${org}": dev-idp/users.${org}.json does not exist (orgs with users: ${(await namedOrgs()).join(', ') || 'none'}). Add that file, like dev-idp/users.acme.json.`,
    );
  }
}

/** The named orgs: those with a `users.<org>.json`. */
async function namedOrgs() {
  const files = await readdir(new URL('.', import.meta.url));
  return files.flatMap((file) => /^users\.(.+)\.json$/.exec(file)?.[1] ?? []).sort();
}

/**
 * @param {string} file
 * @returns {Promise<DemoUser[]>}
 */
async function readUsers(file) {
  return JSON.parse(await readFile(new URL(`./${file}`, import.meta.url), 'utf8'));
}

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
