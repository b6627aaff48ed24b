// @ts-check
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** @typedef {import('./accounts.mjs').DemoUser} DemoUser */

/** The package's own users files: `users.json` and one `users.<org>.json` per named org. */
const USERS_FOLDER = new URL('../users/', import.meta.url);

/** An org's name is a tenant id: a lowercase DNS label, so it is safe in a file name too. */
const ORG_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const REQUIRED_TEXT = /** @type {const} */ (['sub', 'username', 'password', 'name', 'email']);

/**
 * The users a provider signs in: those of a team's own users file when one is named, else the
 * demo users of the org.
 * @param {{ org?: string, usersFile?: string }} source
 * @returns {Promise<DemoUser[]>}
 */
export async function loadUsers({ org, usersFile }) {
  if (usersFile === undefined) return loadDemoUsers(org);
  try {
    return await readUsersFile(usersFile);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
    throw new Error(`there is no users file at ${usersFile}`, { cause: error });
  }
}

/**
 * The demo users of one org. Without a name, the default org's `users.json`; a named org (one
 * per tenant, for multi-tenant development) has its own `users.<org>.json`, so a user of one org
 * cannot sign in at another.
 * @param {string} [org]
 * @returns {Promise<DemoUser[]>}
 */
export async function loadDemoUsers(org) {
  if (org === undefined) return readUsersFile(bundledFile('users.json'));
  if (!ORG_NAME.test(org)) {
    throw new Error(`An org name must be a lowercase DNS label; got "${org}". Example: acme`);
  }
  const file = bundledFile(`users.${org}.json`);
  try {
    return await readUsersFile(file);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
    throw new Error(
      `There is no development org "${org}": ${file} does not exist (orgs with users: ${(await namedOrgs()).join(', ') || 'none'}). Add that file, like ${bundledFile('users.acme.json')}, or pass your own users file.`,
      { cause: error },
    );
  }
}

/**
 * Reads and checks a users file, the package's or a team's own: a JSON array of users, each with
 * the fields the sign-in pages and Universal Logout rely on, so that a mistake shows at start
 * rather than as a broken page later.
 * @param {string} file a path
 * @returns {Promise<DemoUser[]>}
 */
export async function readUsersFile(file) {
  const text = await readFile(file, 'utf8');
  let users;
  try {
    users = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
  const problem = usersProblem(users);
  if (problem) {
    throw new Error(
      `${file}: ${problem}. A users file is a JSON array like ${bundledFile('users.json')}: ` +
        '[{ "sub": "00u1alice00000000000", "username": "alice@example.com", "password": "Alice-Demo-1", ' +
        '"name": "Alice Admin", "email": "alice@example.com", "groups": ["Everyone", "admin"] }]',
    );
  }
  return users;
}

/**
 * @param {unknown} users
 * @returns {string | undefined}
 */
function usersProblem(users) {
  if (!Array.isArray(users) || users.length === 0) return 'it holds no users';
  const seen = { sub: new Set(), username: new Set() };
  for (const [index, user] of users.entries()) {
    const which = `user ${index + 1}`;
    if (typeof user !== 'object' || user === null) return `${which} is not an object`;
    const missing = REQUIRED_TEXT.find((key) => typeof user[key] !== 'string' || !user[key]);
    if (missing) return `${which} has no "${missing}"`;
    if (!Array.isArray(user.groups) || user.groups.some((g) => typeof g !== 'string')) {
      return `${which} (${user.username}) has no "groups" list, such as ["Everyone"]`;
    }
    if (user.secondFactor !== undefined && user.secondFactor !== 'email') {
      return `${which} (${user.username}) has "secondFactor": "${user.secondFactor}"; the only one is "email"`;
    }
    const { authenticators } = user;
    if (
      authenticators !== undefined &&
      (!Array.isArray(authenticators) || authenticators.some((a) => a !== 'email'))
    ) {
      return `${which} (${user.username}) has "authenticators": ${JSON.stringify(authenticators)}; the only one is ["email"]`;
    }
    // Logins are case-insensitive, as at Okta.
    const login = user.username.toLowerCase();
    if (seen.sub.has(user.sub)) return `${which} repeats the "sub" ${user.sub}`;
    if (seen.username.has(login)) return `${which} repeats the "username" ${user.username}`;
    seen.sub.add(user.sub);
    seen.username.add(login);
  }
  return undefined;
}

/** The named orgs: those with a `users.<org>.json`. */
async function namedOrgs() {
  const files = await readdir(USERS_FOLDER);
  return files.flatMap((file) => /^users\.(.+)\.json$/.exec(file)?.[1] ?? []).sort();
}

/** @param {string} name */
function bundledFile(name) {
  return fileURLToPath(new URL(name, USERS_FOLDER));
}
