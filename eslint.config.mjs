// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first. A folder may import its own layer and the layers below it, never one above (type
 * imports included), so `model` knows nothing of Temporal and the CLI is the only place that knows everything.
 */
const LAYERS = [
  ['model'], // zod schemas and the types they define
  ['workflow-safe'], // deterministic, schema-free helpers: what workflow code may run
  ['planning'], // the default catalog, routing, layers, the plan
  ['executors'], // simulated and command executors
  ['activities'], // supervise, runPhase, aggregate, mergeReview
  ['workflows'], // storyWorkflow, domainWorkflow
  ['temporal', 'reporting', 'observability'], // client API, connections, dev server, codecs; reports; logs and traces
  ['config'], // wave.config.json and what a worker is built from
  ['cli', 'client.ts', 'worker.ts'], // the entry points
];

const layerZones = LAYERS.flatMap((layer, index) =>
  layer.map((folder) => ({
    target: `./src/${folder}`,
    from: LAYERS.slice(index + 1)
      .flat()
      .map((above) => `./src/${above}`),
    message: `src/${folder} is below these folders in the layering (see eslint.config.mjs): import downwards only.`,
  })),
).filter((zone) => zone.from.length > 0);

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
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Type imports count too: `npm run lint` also runs scripts/check-import-cycles.ts, which sees them.
      'import/no-cycle': 'error',
      'import/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      eqeqeq: ['error', 'always'],
      'object-shorthand': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'import/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    // The example's agents, its demo repository and the tests' fake agent CLIs are plain CommonJS Node.js scripts.
    files: ['examples/**/*.js', 'tests/fakes/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        Date: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // What workflow code runs lives in src/workflow-safe: deterministic, no I/O, no schemas (every workflow evaluates
    // its imports anew when it is created, and building zod schemas was most of that; see BENCHMARKS.md).
    files: ['src/workflow-safe/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/(workflow|common)$|\\.{1,2}/).*',
              message: 'src/workflow-safe may import only @temporalio/workflow, @temporalio/common and itself.',
            },
            {
              group: ['../*'],
              allowTypeImports: true,
              message: 'src/workflow-safe may import other folders (src/model) as types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: the workflow SDK and src/workflow-safe, everything else
    // (schemas, activities) as types only; schemas a workflow needs are loaded lazily where it needs them.
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\.{1,2}/).*',
              message: 'Workflow code may import only @temporalio/workflow, src/workflow-safe and types.',
            },
            {
              group: ['../*', '!../workflow-safe'],
              allowTypeImports: true,
              message: 'Workflow code may import values only from src/workflow-safe; anything else as types only.',
            },
          ],
        },
      ],
    },
  },
);
