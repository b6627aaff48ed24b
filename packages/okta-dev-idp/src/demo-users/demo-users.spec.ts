import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { demoUsersFile, demoUsersHint } from './demo-users';

describe('demoUsersHint', () => {
  it("names each org's own demo users, from its users file", () => {
    expect(demoUsersHint('acme')).toBe(
      'Demo users: ada@acme.example / Ada-Acme-1 (admin), otto@acme.example / Otto-Acme-1, sam@contractors.example / Sam-Acme-1.',
    );
    expect(demoUsersHint('globex')).toBe(
      'Demo users: gus@globex.example / Gus-Globex-1 (admin), hank@globex.example / Hank-Globex-1, sam@contractors.example / Sam-Globex-1.',
    );
    expect(demoUsersHint()).toContain('alice@example.com / Alice-Demo-1 (admin)');
  });
});

describe('demoUsersFile', () => {
  it("names a file in the package's own users folder, wherever the app runs", () => {
    const packageRoot = join(__dirname, '..', '..');
    expect(demoUsersFile()).toBe(join(packageRoot, 'users', 'users.json'));
    expect(demoUsersFile('acme')).toBe(join(packageRoot, 'users', 'users.acme.json'));
    expect(existsSync(demoUsersFile('globex'))).toBe(true);
  });
});
