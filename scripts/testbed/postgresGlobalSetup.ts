/**
 * Vitest global setup: one real PostgreSQL server for the whole run, started before the first test file and
 * stopped after the last; suites reach it through `inject('postgresAdminUrl')` and make their own database in it.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './startPostgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
