/**
 * The browser suite: real Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
 * against the development identity provider and the app. Run with `npm run test:browser`.
 */
module.exports = {
  displayName: 'browser',
  testEnvironment: 'node',
  rootDir: 'test/browser',
  testMatch: ['**/*.browser-spec.ts'],
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // A browser start, a provider start and several full sign-ins per test.
  testTimeout: 90000,
};
