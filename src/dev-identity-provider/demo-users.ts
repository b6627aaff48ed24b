import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/package-root';

interface DemoUser {
  username: string;
  password: string;
  groups?: string[];
  /** `email`: the sign-in also asks for a code, "sent" to the provider's development mailbox. */
  secondFactor?: string;
}

/**
 * The provider's users file: `users.json` for its default org, `users.{org}.json` for the org
 * of a tenant (see dev-idp/accounts.mjs, which reads them).
 */
export function demoUsersFile(org?: string): string {
  return join(packageRoot(), 'dev-idp', org === undefined ? 'users.json' : `users.${org}.json`);
}

/** The start-up hint names the demo users from the provider's own data file, so it stays true. */
export function demoUsersHint(org?: string): string {
  const path = demoUsersFile(org);
  const users = JSON.parse(readFileSync(path, 'utf8')) as DemoUser[];
  const list = users
    .map(
      (u) =>
        `${u.username} / ${u.password}${u.groups?.includes('admin') ? ' (admin)' : ''}${u.secondFactor ? ' + email code' : ''}`,
    )
    .join(', ');
  const mailbox = users.some((u) => u.secondFactor)
    ? ' Email codes arrive in the development mailbox, /dev/mailbox at the identity provider.'
    : '';
  return `Demo users: ${list}.${mailbox}`;
}
