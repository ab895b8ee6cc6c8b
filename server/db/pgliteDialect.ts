/**
 * Kysely over PGlite (PostgreSQL compiled to WebAssembly, in this process): Kysely's own PostgreSQL dialect, given
 * a one-connection "pool" that lends PGlite to one borrower at a time, so that a transaction's statements never
 * interleave with another caller's. Hand-written (a few lines) because the published PGlite dialects either lag
 * PGlite's releases or bring a code generator and a CLI along.
 */
import { PGlite, types } from '@electric-sql/pglite';
import { PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';

export function pgliteDialect(database: PGlite): PostgresDialect {
  let queue: Promise<void> = Promise.resolve();
  const connect = (): Promise<PostgresPoolClient> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const lent = queue.then(() => client(database, release));
    queue = queue.then(() => released);
    return lent;
  };
  const pool: PostgresPool = { connect, end: () => database.close() };
  return new PostgresDialect({ pool });
}

function client(database: PGlite, release: () => void): PostgresPoolClient {
  let done = false;
  return {
    query: async <R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> => {
      const result = await database.query<R>(sql, [...parameters]);
      return { command: (result.command ?? 'SELECT') as PostgresQueryResult<R>['command'], rowCount: result.rowCount ?? result.affectedRows ?? 0, rows: result.rows };
    },
    release: () => {
      if (done) return;
      done = true;
      release();
    },
  } as PostgresPoolClient;
}

/** Opens (creating if need be) an embedded database in `dataDir`, with 64-bit integers read as strings like `pg`. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  return PGlite.create(dataDir, { parsers: { [types.INT8]: (value: string) => value } });
}
