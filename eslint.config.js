import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { defineConfig, globalIgnores } from 'eslint/config';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const FEATURES = ['agents', 'sessions', 'files', 'logs', 'connections', 'playground'];

// ---------------------------------------------------------------------------------------------------
// Import boundaries (DESIGN.md, "Rules of the house").
// no-restricted-imports matches the import text, not the file it resolves to, and the text of a
// relative import of the same folder changes with depth ("../host" here, "../../host" one level
// down). So each folder under src/ gets its own rule, holding the exact relative text that reaches
// every folder it must not import from.

/** Every folder under `dir`, as a posix path relative to the repo root. */
function foldersUnder(dir) {
  const children = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => foldersUnder(path.posix.join(dir, entry.name)));
  return [dir, ...children];
}

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches a relative import written in `fromDir` that lands in folder `target` (optionally minus `except`). */
function importsOf(fromDir, target, message, except) {
  const rel = path.posix.relative(fromDir, target);
  const prefix = rel.startsWith('..') ? rel : `./${rel}`;
  const allowed = except ? `(?!${except.map(escapeRegex).join('|')}(\\.[jt]sx?)?$)` : '';
  return { regex: `^${escapeRegex(prefix)}(/${allowed}|$)`, message };
}

const nodeBuiltins = (message) => [
  { regex: '^node:', message },
  { regex: `^(${builtinModules.map(escapeRegex).join('|')})(/|$)`, message },
];

const within = (dir, root) => dir === root || dir.startsWith(`${root}/`);

function boundaryPatterns(dir) {
  const patterns = [];
  if (within(dir, 'src/web')) {
    patterns.push(
      ...nodeBuiltins('src/web runs in the browser: no Node built-ins.'),
      importsOf(dir, 'src/host', 'src/web must not import the host: share wire shapes through src/contract.'),
      importsOf(
        dir,
        'src/gateway',
        'src/web must not import the gateway: share wire shapes through src/contract.',
      ),
      {
        regex: '^(fastify|@fastify/.*|better-sqlite3|@azure/identity)$',
        message: 'Server-only package: src/web runs in the browser and holds no tokens.',
      },
    );
  }
  const feature = FEATURES.find((name) => within(dir, `src/web/features/${name}`));
  if (feature) {
    for (const other of FEATURES.filter((name) => name !== feature)) {
      const message = `Features do not import each other: compose ${feature} and ${other} in a route under src/web/app.`;
      // The second form catches a roundabout path such as "../../../features/sessions".
      patterns.push(importsOf(dir, `src/web/features/${other}`, message), {
        regex: `^\\.{1,2}/(.*/)?features/${other}(/|$)`,
        message,
      });
    }
    patterns.push(
      importsOf(
        dir,
        'src/web/app',
        'Features sit below the app: only app/paths may be imported from a feature.',
        ['paths'],
      ),
    );
  }
  if (within(dir, 'src/web/components') || within(dir, 'src/web/lib')) {
    const message = 'Shared code sits below features and the app: it must not import them.';
    patterns.push(importsOf(dir, 'src/web/features', message), importsOf(dir, 'src/web/app', message));
  }
  if (within(dir, 'src/host') || within(dir, 'src/gateway')) {
    patterns.push(
      importsOf(dir, 'src/web', 'Server code must not import the browser app: share through src/contract.'),
    );
  }
  if (within(dir, 'src/contract')) {
    const message = 'src/contract is shared by browser and server: it imports neither, nor Node built-ins.';
    patterns.push(
      ...nodeBuiltins(message),
      importsOf(dir, 'src/web', message),
      importsOf(dir, 'src/host', message),
      importsOf(dir, 'src/gateway', message),
    );
  }
  return patterns;
}

const boundaries = foldersUnder('src')
  .map((dir) => ({ dir, patterns: boundaryPatterns(dir) }))
  .filter(({ patterns }) => patterns.length > 0)
  .map(({ dir, patterns }) => ({
    name: `boundaries/${dir}`,
    files: [`${dir}/*.{ts,tsx,js,mjs}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  }));

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
  boundaries,
);
