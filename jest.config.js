/**
 * Each package's own tests (its jest.config.js), the demo app's unit specs beside its code, and
 * its end-to-end specs in test/, which run against real servers, and the docs' checks.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
  testTimeout: 30000,
  projects: [
    '<rootDir>/packages/nest-okta',
    '<rootDir>/packages/okta-dev-idp',
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: 'src',
      testRegex: '\\.spec\\.ts$',
      moduleFileExtensions: ['js', 'json', 'ts'],
      transform,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: 'test',
      testRegex: '\\.e2e-spec\\.ts$',
      // The adoption proof's spec runs in the fresh apps scripts/adoption-proof.sh makes.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/adoption-proof/'],
      moduleFileExtensions: ['js', 'json', 'ts'],
      transform,
    },
    {
      // The checks that keep the docs true: the docs check's own specs, and the specs that hold
      // the written references to the code they describe.
      displayName: 'docs',
      testEnvironment: 'node',
      rootDir: '.',
      roots: ['<rootDir>/scripts', '<rootDir>/test/docs'],
      testRegex: '\\.spec\\.(ts|mjs)$',
      moduleFileExtensions: ['js', 'mjs', 'json', 'ts'],
      transform,
    },
  ],
};
