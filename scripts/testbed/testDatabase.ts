/**
 * A fresh database per test suite on the test server, owned by an ordinary (non-superuser) role, as a deployment's
 * application role would be; the superuser URL of the same database stays at hand for what only an administrator
 * can do (such as editing the audit trail behind the application's back).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The role the application connects as in the tests: it owns its tables but is no superuser. */
export const APP_ROLE = 'passerelle_app';

export interface TestDatabase {
  name: string;
  /** Connection URL as the application role. */
  appUrl: string;
  /** Connection URL as the superuser, to the same database. */
  adminUrl: string;
  drop(): Promise<void>;
}

async function asAdmin(url: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) parsed.username = user;
  return parsed.toString();
}

export async function createTestDatabase(serverAdminUrl: string, prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await asAdmin(serverAdminUrl, [
    // Test files run in parallel: the role may appear between a check and a CREATE, hence the caught duplicate.
    `DO $$ BEGIN CREATE ROLE ${APP_ROLE} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    `CREATE DATABASE ${name} OWNER ${APP_ROLE}`,
  ]);
  const adminUrl = withDatabase(serverAdminUrl, name);
  // PostgreSQL 15 no longer lets every role create in the public schema: hand it to the database's owner.
  await asAdmin(adminUrl, [`ALTER SCHEMA public OWNER TO ${APP_ROLE}`]);
  return {
    name,
    appUrl: withDatabase(serverAdminUrl, name, APP_ROLE),
    adminUrl,
    drop: () => asAdmin(serverAdminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}
