/**
 * `npm run audit:verify [-- --config FILE | --data-dir DIR]`: verifies the audit trail's hash chain of the database
 * that `npm start` with the same arguments uses. Prints OK with the number of records and the head hash (worth noting
 * elsewhere: it is what a later check of the newest record compares with) and exits 0, or names the first altered
 * record and exits 1. Exits 2 when it cannot tell (bad arguments or configuration, no database).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseTarget, DEFAULT_DATA_DIR, describeTarget } from '../db/databaseTarget.ts';
import { openDatabase } from '../db/openDatabase.ts';
import { loadConfigFile } from '../loadConfigFile.ts';
import { verifyTrail } from './auditTrail.ts';

export const verifyUsage = `Usage:
  npm run audit:verify [-- --data-dir DIR]     the embedded database (default ${DEFAULT_DATA_DIR})
  npm run audit:verify -- --config FILE        the database of FILE (database.url), else the embedded one`;

export type VerifyArgs = { ok: true; configFile?: string; dataDir?: string; help: boolean } | { ok: false; error: string };

export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  const args: { configFile?: string; dataDir?: string; help: boolean } = { help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++index];
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--config' || flag === '--data-dir') {
      const given = value();
      if (!given) return { ok: false, error: `${flag} needs a path` };
      if (flag === '--config') args.configFile = given;
      else args.dataDir = given;
    } else return { ok: false, error: `unknown argument "${arg}"` };
  }
  return { ok: true, ...args };
}

/** Runs the check; returns the exit code. */
export async function runVerifyCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, print: (line: string) => void): Promise<number> {
  const args = parseVerifyArgs(argv);
  if (!args.ok) {
    print(`audit:verify: ${args.error}\n${verifyUsage}`);
    return 2;
  }
  if (args.help) {
    print(verifyUsage);
    return 0;
  }
  let database: { url: string; passwordEnv?: string } | undefined;
  if (args.configFile) {
    const loaded = await loadConfigFile(args.configFile);
    if (!loaded.ok) {
      print(`audit:verify: invalid configuration ${args.configFile}:\n${loaded.errors.map((line) => `  ${line}`).join('\n')}`);
      return 2;
    }
    database = loaded.config.database;
  }
  const target = databaseTarget(database, args.dataDir, env);
  if (!target.ok) {
    print(`audit:verify: ${target.error}`);
    return 2;
  }
  if (target.target.kind === 'embedded' && !fs.existsSync(path.join(target.target.dataDir, 'PG_VERSION'))) {
    print(`audit:verify: no database in ${target.target.dataDir} (give --data-dir, or --config with database.url)`);
    return 2;
  }
  const opened = await openDatabase(target.target);
  try {
    const verdict = await verifyTrail(opened.db);
    const from = verdict.checkpointId ? `checkpoint ${verdict.checkpointId} (anchor ${verdict.anchor})` : 'the start of the trail';
    if (verdict.ok) {
      print(`audit trail OK: ${verdict.count} record${verdict.count === 1 ? '' : 's'} chained from ${from} in ${describeTarget(target.target)}; head ${verdict.head}`);
      return 0;
    }
    print(`audit trail ALTERED: ${verdict.break.message}`);
    print(`(${verdict.count} record${verdict.count === 1 ? '' : 's'} before it verified, from ${from}, in ${describeTarget(target.target)})`);
    return 1;
  } finally {
    await opened.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runVerifyCommand(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`audit:verify: ${(error as Error).message}`);
      process.exit(2);
    },
  );
}
