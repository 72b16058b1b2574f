import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------
// Import boundaries (DESIGN.md, "Rules of the house"). import-x/no-restricted-paths judges the file an
// import resolves to, so one zone per rule holds at any depth and through the @contract alias.
// Node built-ins and packages resolve outside src/, so those stay with no-restricted-imports.

/** Every folder of our own code but `keep`, for a zone's `from`/`except` pair. */
const allOfSrcBut = (...keep) => ({ from: 'src', except: keep.map((dir) => `./${dir}`) });

const FEATURES = readdirSync('src/web/features', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const zones = [
  {
    target: 'src/web',
    ...allOfSrcBut('web', 'contract'),
    message:
      'src/web runs in the browser: it imports only src/contract of ours (never host, gateway, server, console or cli.ts).',
  },
  // host, gateway and console share only src/server and src/contract: the console reaches the host and
  // Foundry over HTTP, so everything it does works against Foundry too. src/console may not exist yet.
  ...['host', 'gateway', 'console'].map((part) => ({
    target: `src/${part}`,
    ...allOfSrcBut(part, 'server', 'contract'),
    message: `src/${part} imports only src/server and src/contract: host, gateway and console never import each other or the browser app.`,
  })),
  {
    target: 'src/server',
    ...allOfSrcBut('server', 'contract'),
    message: 'src/server is what host, gateway and console share: it imports only src/contract.',
  },
  {
    target: 'src/contract',
    ...allOfSrcBut('contract'),
    message: 'src/contract is shared by browser and server: it imports nothing else of ours.',
  },
  ...FEATURES.map((feature) => ({
    target: `src/web/features/${feature}`,
    from: 'src/web/features',
    except: [`./${feature}`],
    message: `Features do not import each other: compose ${feature} with another feature in a route under src/web/app.`,
  })),
  {
    target: 'src/web/features',
    from: 'src/web/app',
    except: ['./paths.ts'],
    message: 'Features sit below the app: only app/paths may be imported from a feature.',
  },
  {
    target: ['src/web/components', 'src/web/lib'],
    from: ['src/web/features', 'src/web/app'],
    message: 'Shared code sits below features and the app: it must not import them.',
  },
];

const nodeBuiltins = (message) => [
  { regex: '^node:', message },
  { regex: `^(${builtinModules.join('|')})(/|$)`, message },
];

// ---------------------------------------------------------------------------------------------------

export default defineConfig(
  globalIgnores(['dist/', '.data/', 'node_modules/', 'test-results/', 'playwright-report/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Only the SPA runs in the browser; everything else (host, gateway, scripts, tests, configs) is Node.
    ignores: ['src/web/**'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'web',
    files: ['src/web/**/*.{ts,tsx}', 'tests/web/**/*.{ts,tsx}'],
    extends: [
      reactHooks.configs.flat.recommended,
      jsxA11y.flatConfigs.recommended,
      pluginQuery.configs['flat/recommended'],
    ],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'boundaries',
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle parses the files an import leads to: it needs to know they are TypeScript.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: 'tsconfig.json' }),
        createNodeResolver(),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    name: 'boundaries/browser-and-contract',
    files: ['src/web/**/*.{ts,tsx}', 'src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeBuiltins(
              'src/web runs in the browser and src/contract is shared with it: no Node built-ins.',
            ),
            {
              regex: '^(fastify|@fastify/.*|better-sqlite3|@azure/identity)$',
              message: 'Server-only package: src/web runs in the browser and holds no tokens.',
            },
          ],
        },
      ],
    },
  },
);
