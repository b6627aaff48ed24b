/** The package's specs live beside its code; they start real providers on 127.0.0.1, port 0. */
module.exports = {
  displayName: 'okta-dev-idp',
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testRegex: '\\.spec\\.ts$',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  // The 30 s testTimeout, set where a project's setting counts.
  setupFilesAfterEnv: ['<rootDir>/src/testing/jest-timeout.ts'],
};
