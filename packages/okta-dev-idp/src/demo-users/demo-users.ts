import { readFileSync } from 'node:fs';
import { packageFile } from '../package-files';

/** A user of the package's users files, as far as an app or a test needs to know one. */
export interface DemoUser {
  sub: string;
  username: string;
  password: string;
  name: string;
  email: string;
  groups: string[];
  /** The factors enrolled beyond the password: `email`, which a step-up to two factors uses. */
  authenticators?: 'email'[];
  /** `email`: every sign-in also asks for a code, "sent" to the provider's development mailbox. */
  secondFactor?: 'email';
}

/**
 * The package's users file: `users/users.json` for the default org, `users/users.{org}.json` for
 * a named org (one per tenant). The provider reads the same files (provider/users-files.mjs).
 */
export function demoUsersFile(org?: string): string {
  return packageFile('users', org === undefined ? 'users.json' : `users.${org}.json`);
}

export function readDemoUsers(org?: string): DemoUser[] {
  return JSON.parse(readFileSync(demoUsersFile(org), 'utf8')) as DemoUser[];
}

/**
 * A start-up line naming the demo users from the provider's own data, so it stays true. Written
 * as the okta-dev-idp command writes them (provider/cli/ready-lines.mjs).
 */
export function demoUsersHint(org?: string): string {
  const users = readDemoUsers(org);
  const list = users
    .map(
      (u) =>
        `${u.username} / ${u.password}${u.groups.includes('admin') ? ' (admin)' : ''}${u.secondFactor ? ' + email code' : ''}`,
    )
    .join(', ');
  const mailbox = users.some((u) => u.secondFactor)
    ? ' Email codes arrive in the development mailbox, /dev/mailbox at the identity provider.'
    : '';
  return `Demo users: ${list}.${mailbox}`;
}
