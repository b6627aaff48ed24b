// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'test-output/',
      'jest.config.js',
      'jest.browser.config.js',
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
    },
  },
  // src/auth is a module other apps adopt: it imports nothing from the rest of src/.
  ...[1, 2, 3].map((depth) => ({
    files: [`src/auth/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [`${'../'.repeat(depth)}*`],
              message: 'src/auth stands alone: import only from inside src/auth.',
            },
          ],
        },
      ],
    },
  })),
  // The rest of the app uses the module through its one public entry, and the lower layers
  // (configuration, sessions, logging, the development provider) never reach up.
  {
    files: ['src/*.ts', 'src/*/**/*.ts', 'test/**/*.ts'],
    ignores: ['src/auth/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/auth/*', '!**/auth/index'],
              message: "Import AuthModule's public API from 'src/auth' (its index), not its files.",
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
                '../auth',
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
    files: ['src/auth/widget/browser/*.js'],
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
);
