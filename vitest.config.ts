import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // As in vite.config.ts (this file does not extend it) and tsconfig.base.json's paths.
  resolve: { alias: { '@contract': fileURLToPath(new URL('./src/contract/index.ts', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Host tests start agent processes; two cores go further with files in parallel than tests in one.
    pool: 'forks',
  },
});
