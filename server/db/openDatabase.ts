/**
 * Opens Passerelle's database, a PostgreSQL server through `pg` or the embedded PGlite, and brings its schema to the
 * latest migration. Everything above this folder gets a typed Kysely handle and never a driver.
 */
import fs from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './databaseSchema.ts';
import { describeTarget, type DatabaseTarget } from './databaseTarget.ts';
import { migrateToLatest } from './migrate.ts';
import { openPglite, pgliteDialect } from './pgliteDialect.ts';

export interface OpenDatabase {
  db: Kysely<Database>;
  /** Which database, safe to log. */
  description: string;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  const db = new Kysely<Database>({ dialect: await dialectFor(target) });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return { db, description: describeTarget(target), close: () => db.destroy() };
}

async function dialectFor(target: DatabaseTarget): Promise<PostgresDialect> {
  if (target.kind === 'embedded') {
    fs.mkdirSync(target.dataDir, { recursive: true });
    return pgliteDialect(await openPglite(target.dataDir));
  }
  const pool = new pg.Pool({ connectionString: target.url, ...(target.password !== undefined ? { password: target.password } : {}), max: 10 });
  // An idle connection dropped by the server (restart, failover) must not take the process down with it.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}
