// @ts-check
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.wave/**',
      '.temporal-cli/**',
      'coverage/**',
      'scratch/**',
      '*.js',
      '*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-cycle': 'error',
      'object-shorthand': 'error',
    },
  },
  {
    // The example's agents and demo repository are plain CommonJS Node.js scripts.
    files: ['examples/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: only the workflow SDK, activity types and pure shared code.
    files: ['src/workflows/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/(workflow|common)$|zod$|\\.{1,2}/).*',
              message: 'Workflow and shared code may import only @temporalio/workflow, zod and relative shared files.',
            },
            {
              group: ['**/activities/*', '**/activities', '**/executors/*', '**/temporal/*', '**/cli/*'],
              allowTypeImports: true,
              message: 'Workflow code may import activities only as types (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    // Every workflow evaluates its imports anew when it is created; schemas are loaded lazily where they are needed.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\.{1,2}/).*',
              message: 'Workflow code may import only @temporalio/workflow, activity types and src/shared.',
            },
            {
              group: ['**/activities/*', '**/activities', '**/executors/*', '**/temporal/*', '**/cli/*'],
              allowTypeImports: true,
              message: 'Workflow code may import activities only as types (import type).',
            },
            {
              group: [
                '**/shared/budget',
                '**/shared/results',
                '**/shared/policy',
                '**/shared/report',
                '**/shared/merge',
                '**/shared/story-request',
                '**/shared/plan',
                '**/shared/catalog',
                '**/shared/simulation',
                '**/shared/executor-config',
              ],
              allowTypeImports: true,
              message:
                'These modules build zod schemas when imported; workflow code imports them as types only (usage.ts, domain-status.ts, tolerance.ts and gate.ts hold the functions), or loads them lazily.',
            },
          ],
        },
      ],
    },
  },
);
