import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // the pages' modules (web/) import their shared folder as @shared, as web/vite.config.ts says
  resolve: { alias: { '@shared': fileURLToPath(new URL('./web/src/shared', import.meta.url)) } },
  test: {
    include: [
      'engine/**/*.test.ts',
      'test/**/*.test.ts',
      '{domain,store,workers,api,web}/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', 'data/**', 'dist/**', 'web/dist/**'],
    // Several suites start an engine (in-process or as a child process) and talk to it over gRPC.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
