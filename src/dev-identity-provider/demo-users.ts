import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/package-root';

interface DemoUser {
  username: string;
  password: string;
  groups?: string[];
}

/** The start-up hint names the demo users from the provider's own data file, so it stays true. */
export function demoUsersHint(): string {
  const path = join(packageRoot(), 'dev-idp', 'users.json');
  const users = JSON.parse(readFileSync(path, 'utf8')) as DemoUser[];
  const list = users
    .map((u) => `${u.username} / ${u.password}${u.groups?.includes('admin') ? ' (admin)' : ''}`)
    .join(', ');
  return `Demo users: ${list}.`;
}
