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

/** The start-up hint names the demo users from the provider's own data file, so it stays true. */
export function demoUsersHint(): string {
  const path = join(packageRoot(), 'dev-idp', 'users.json');
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
