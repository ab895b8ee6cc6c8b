/**
 * Which database a Passerelle instance uses: the PostgreSQL server of `database.url`, with its password from the
 * environment variable `database.passwordEnv` (never from the configuration file), or else the embedded one in the
 * data folder (`--data-dir`, default `.data/`). Contract §5.
 */
export type DatabaseTarget = { kind: 'server'; url: string; password?: string } | { kind: 'embedded'; dataDir: string };

export const DEFAULT_DATA_DIR = '.data';

export type TargetResult = { ok: true; target: DatabaseTarget } | { ok: false; error: string };

export function databaseTarget(
  database: { url: string; passwordEnv?: string } | undefined,
  dataDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): TargetResult {
  if (!database) return { ok: true, target: { kind: 'embedded', dataDir: dataDir ?? DEFAULT_DATA_DIR } };
  if (!database.passwordEnv) return { ok: true, target: { kind: 'server', url: database.url } };
  const password = env[database.passwordEnv];
  if (password === undefined || password === '') {
    return { ok: false, error: `database.passwordEnv: the environment variable ${database.passwordEnv} is not set` };
  }
  return { ok: true, target: { kind: 'server', url: database.url, password } };
}

/** Says which database, for a log line: never a password, even one written into the URL by mistake. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'embedded') return `embedded PostgreSQL in ${target.dataDir}`;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = '***';
    return `PostgreSQL at ${url.toString()}`;
  } catch {
    return 'PostgreSQL (unreadable URL)';
  }
}
