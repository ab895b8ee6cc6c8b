/**
 * `npm start`: serves the viewer for the sites of a configuration file, or, without one, for the embedded demo
 * (deployment contract §1).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliArgs, usage } from './cli.ts';
import { loadConfigFile } from './loadConfigFile.ts';
import { ensureBuilt } from './ensureBuilt.ts';
import { createGateway } from './gateway/createGateway.ts';
import type { RuntimeConfig } from '../src/domain/config/runtimeConfig.ts';
import { databaseTarget } from './db/databaseTarget.ts';
import { openDatabase } from './db/openDatabase.ts';
import { startAuditTrail } from './audit/startAuditTrail.ts';
import { NO_CREDENTIALS, resolveUpstreamCredentials, type UpstreamCredentials } from './gateway/upstreamCredentials.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(root, 'dist');
const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  const cli = parseCliArgs(process.argv.slice(2));
  if (!cli.ok) {
    console.error(`passerelle: ${cli.error}\n${usage}`);
    return 2;
  }
  if (cli.options.help) {
    console.log(usage);
    return 0;
  }
  const { configFile, port, host, dataDir } = cli.options;

  let config: RuntimeConfig;
  let credentials: UpstreamCredentials = NO_CREDENTIALS;
  const closers: (() => Promise<void>)[] = [];
  if (configFile) {
    const loaded = await loadConfigFile(configFile);
    if (!loaded.ok) {
      console.error(`passerelle: invalid configuration ${configFile}:\n${loaded.errors.map((line) => `  ${line}`).join('\n')}`);
      return 2;
    }
    config = loaded.config;
    // The secrets are read once, now: a missing one stops the start, named by field and variable, never by value.
    const resolved = resolveUpstreamCredentials(config, { env: process.env, baseDir: path.dirname(path.resolve(configFile)) });
    if (!resolved.ok) {
      console.error(`passerelle: missing credentials for ${configFile}:\n${resolved.errors.map((line) => `  ${line}`).join('\n')}`);
      return 2;
    }
    credentials = resolved.credentials;
    await ensureBuilt(root, distDir, log);
  } else {
    const { startDemo } = await import('./demo/startDemo.ts');
    const [demo] = await Promise.all([startDemo(path.join(root, '.cache', 'demo'), log), ensureBuilt(root, distDir, log)]);
    config = demo.config;
    closers.push(() => demo.close());
  }

  const target = databaseTarget(config.database, dataDir, process.env);
  if (!target.ok) {
    console.error(`passerelle: invalid configuration: ${target.error}`);
    for (const close of closers) await close().catch(() => undefined);
    return 2;
  }
  const database = await openDatabase(target.target);
  log(`Database: ${database.description}`);
  const audit = startAuditTrail(database.db, { ...(config.audit?.retentionDays !== undefined ? { retentionDays: config.audit.retentionDays } : {}), log });
  // Closed last: the gateway stops taking requests, then the trail writes what it holds, then the database closes.
  closers.unshift(() => database.close());
  closers.unshift(() => audit.close());

  const gateway = await createGateway({ config, staticDir: distDir, db: database.db, audit, credentials });
  closers.unshift(() => gateway.close());
  const address = await gateway.listen({ port, host });
  const shown = address.replace('://[::1]', '://localhost');
  log(`Passerelle is serving ${shown}/ for ${config.sites.map((site) => site.name).join(', ')}${configFile ? '' : ' (embedded demo)'}`);

  const stop = async () => {
    for (const close of closers) await close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`passerelle: ${(error as Error).message}`);
    process.exit(1);
  },
);
