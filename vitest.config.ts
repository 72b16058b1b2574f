import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Pure logic: no host, no server, no child process. `npm run test:unit` runs these alone (in seconds);
 * a test file that starts anything belongs to the integration project.
 */
const unit = [
  'tests/web/agent-form-model.test.ts',
  'tests/web/connections-draft.test.ts',
  'tests/web/connections-settings.test.ts',
  'tests/web/logs-*.test.ts',
  'tests/contract/status-lines.test.ts',
  'tests/gateway/endpoint.test.ts',
  'tests/gateway/token-cache.test.ts',
  'tests/console/recorder-parts.test.ts',
  'tests/console/line-index.test.ts',
];

export default defineConfig({
  // As in vite.config.ts (this file does not extend it) and tsconfig.base.json's paths.
  resolve: { alias: { '@contract': fileURLToPath(new URL('./src/contract/index.ts', import.meta.url)) } },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Host tests start agent processes; two cores go further with files in parallel than tests in one.
    pool: 'forks',
    projects: [
      {
        extends: true,
        // Threads sharing one module graph: these files hold no state worth isolating, and loading the
        // graph once per file was half of the project's time.
        test: { name: 'unit', include: unit, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: unit,
          // The web tests' host, out of process (see the file).
          globalSetup: ['tests/helpers/web-host-setup.ts'],
          // As `npm start` runs the host: its upload route collects spent chunks with gc(), and the
          // memory probes of the upload tests need it too. Set at start-up, never flipped at run time.
          execArgv: ['--expose-gc'],
        },
      },
    ],
  },
});
