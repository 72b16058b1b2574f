import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Where `npm run dev` runs the local host (scripts/dev.ts); the dev server forwards API calls to it. */
const HOST_ORIGIN = 'http://127.0.0.1:4281';

// changeOrigin: the host refuses a Host header that is not its own bound name (DNS rebinding guard).
const toHost = { target: HOST_ORIGIN, changeOrigin: true };

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // The same alias as tsconfig.base.json's paths: the wire contract, from anywhere, without ../../../..
  resolve: { alias: { '@contract': fileURLToPath(new URL('./src/contract/index.ts', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      treeshake: { manualPureFunctions: ['Type', 'ListOf'] },
      output: {
        codeSplitting: {
          // The framework every page needs changes less often than the app: its own chunk stays cached
          // across releases. Other libraries (virtualizer, dropzone, event source) ride with the pages
          // that use them, so the first page does not download them.
          groups: [
            {
              name: 'vendor',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/]react-query|@tanstack[\\/]query-core)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 4280,
    strictPort: true,
    proxy: { '/api': toHost, '/gateway': toHost },
  },
});
