/**
 * Versioned migrations, applied in order by Kysely's Migrator, which records them in `kysely_migration` and, on
 * PostgreSQL, holds an advisory lock meanwhile, so several gateway instances starting together migrate once.
 * The list is written out here (not read from a folder) so that it is the same under tsx, a bundle or a test run.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import * as auditTrail from './migrations/0001_auditTrail.ts';
import * as session from './migrations/0002_session.ts';
import * as identity from './migrations/0003_identity.ts';
import * as identityHarvest from './migrations/0004_identityHarvest.ts';
import * as identityMatcherWeights from './migrations/0005_identityMatcherWeights.ts';
import * as identityChanges from './migrations/0006_identityChanges.ts';

export const migrations: Readonly<Record<string, Migration>> = {
  '0001_auditTrail': auditTrail,
  '0002_session': session,
  '0003_identity': identity,
  '0004_identityHarvest': identityHarvest,
  '0005_identityMatcherWeights': identityMatcherWeights,
  '0006_identityChanges': identityChanges,
};

/** Applies every migration not yet applied; throws, naming the migration, if one fails. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    const which = failed ? `migration ${failed.migrationName}` : 'migration';
    throw new Error(`database ${which} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
