import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'build/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A real PostgreSQL server for the suites that store things (server/db, server/audit).
    globalSetup: ['scripts/testbed/postgresGlobalSetup.ts'],
  },
});
