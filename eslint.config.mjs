// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The module package's floors, ground first: a folder imports only from its own floor and the
 * ones below it, so the flows never reach the assembly that builds them.
 */
const MODULE_FLOORS = [
  ['request'],
  ['options'],
  ['oidc', 'errors'],
  ['session', 'user', 'tokens', 'session-index'],
  ['sign-in', 'redirect', 'widget', 'sign-out', 'universal-logout'],
  ['scopes'],
  ['access', 'routes'],
  // The `nest-okta/redis` entry: nothing below imports it, so the main entry never loads it.
  ['redis'],
];
const MODULE_SRC = 'packages/nest-okta/src';

/** One zone per floor: nothing on it may import a folder above it (or the root's files). */
const moduleLayerZones = MODULE_FLOORS.slice(0, -1).map((floor, level) => ({
  target: floor.map((folder) => `./${MODULE_SRC}/${folder}/**`),
  from: [
    ...MODULE_FLOORS.slice(level + 1)
      .flat()
      .map((folder) => `./${MODULE_SRC}/${folder}/**`),
    `./${MODULE_SRC}/*.ts`,
  ],
  message: `— nest-okta's ${floor.join('/, ')}/ import only from their own floor and those below it (MODULE_FLOORS in eslint.config.mjs)`,
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'packages/*/dist/',
      'coverage/',
      'node_modules/',
      'test-output/',
      'jest.config.js',
      'jest.browser.config.js',
      'packages/*/jest.config.js',
      // The adoption proof's spec runs inside the fresh apps it makes, with their supertest.
      'test/adoption-proof/app/test/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Type-only imports stay explicit, so the packages compile under isolatedModules in a
      // consumer's build (TS1272 otherwise) and nothing but types is erased.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // The module's floors stack (import circles are madge's, in npm run check).
  {
    files: ['packages/*/src/**/*.ts', 'src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: moduleLayerZones }],
    },
  },
  // The module package stands alone: its files import only each other and their dependencies.
  ...[1, 2, 3].map((depth) => ({
    files: [`packages/nest-okta/src/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [`${'../'.repeat(depth)}*`, 'okta-dev-idp'],
              message:
                'nest-okta stands alone: import only from inside its src/ and its dependencies.',
            },
          ],
        },
      ],
    },
  })),
  // The demo app uses each package by its name and its one public entry, as an adopting app does.
  {
    files: ['src/*.ts', 'src/*/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/packages/**', 'nest-okta/*', '!nest-okta/redis', 'okta-dev-idp/*'],
              message:
                "Import the packages by name ('nest-okta', 'nest-okta/redis', 'okta-dev-idp'), never their files.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/{config,session,logging,dev-identity-provider}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../http/*',
                '../{home,profile,shop,admin,health}/*',
                '../{app.module,app.setup,main,okta-auth-options,read-app-config}',
              ],
              message: 'A lower layer must not import from the layers above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/nest-okta/assets/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  // oidc-provider loads through its one wrapper, which drops a false warning before it runs.
  {
    files: ['packages/okta-dev-idp/{bin,provider}/**/*.mjs'],
    ignores: ['packages/okta-dev-idp/provider/oidc-provider.mjs'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'oidc-provider',
              message: "Import it from the package's provider/oidc-provider.mjs.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: globals.node,
    },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
