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
import { clientSecretFrom } from './auth/clientSecret.ts';
import { isLoopbackAddress } from './auth/requestOrigin.ts';
import { startSessionSweep } from './auth/sessionSweep.ts';
import type { RunningDemo } from './demo/startDemo.ts';

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
  let clientSecret: string | undefined;
  let allowGateway: ((origins: readonly string[]) => void) | undefined;
  let learnPatients: RunningDemo['learnPatients'] | undefined;
  const closers: (() => Promise<void>)[] = [];
  if (configFile) {
    const loaded = await loadConfigFile(configFile);
    if (!loaded.ok) {
      console.error(`passerelle: invalid configuration ${configFile}:\n${loaded.errors.map((line) => `  ${line}`).join('\n')}`);
      return 2;
    }
    config = loaded.config;
    if (!config.auth && !isLoopbackAddress(host)) {
      console.error(`passerelle: --host ${host} serves other machines, which needs sign-in: configure auth (contract §5), or serve on 127.0.0.1`);
      return 2;
    }
    if (config.auth) {
      const secret = clientSecretFrom(config.auth, process.env);
      if (!secret.ok) {
        console.error(`passerelle: invalid configuration ${configFile}:\n  ${secret.error}`);
        return 2;
      }
      clientSecret = secret.secret;
    }
    // The secrets are read once, now: a missing one stops the start, named by field and variable, never by value.
    const resolved = resolveUpstreamCredentials(config, { env: process.env, baseDir: path.dirname(path.resolve(configFile)) });
    if (!resolved.ok) {
      console.error(`passerelle: missing credentials for ${configFile}:\n${resolved.errors.map((line) => `  ${line}`).join('\n')}`);
      return 2;
    }
    credentials = resolved.credentials;
    await ensureBuilt(root, distDir, log);
  } else {
    if (!isLoopbackAddress(host)) {
      console.error(`passerelle: --host ${host}: the embedded demo and its sign-in serve this machine only (loopback); give --config with auth to serve others`);
      return 2;
    }
    const { startDemo } = await import('./demo/startDemo.ts');
    const [demo] = await Promise.all([startDemo(path.join(root, '.cache', 'demo'), log), ensureBuilt(root, distDir, log)]);
    config = demo.config;
    clientSecret = demo.clientSecret;
    allowGateway = demo.allowGateway;
    learnPatients = demo.learnPatients;
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

  const gateway = await createGateway({ config, staticDir: distDir, db: database.db, audit, credentials, ...(clientSecret ? { clientSecret } : {}) });
  closers.unshift(() => gateway.close());
  if (config.auth) {
    const sweep = startSessionSweep(database.db);
    closers.unshift(async () => sweep.stop());
  }
  // The demo's identity manager learns its patients from the archives while the gateway serves (2 to 4 s on a first
  // start on a busy two-core machine, too long to hold the start for): meanwhile its cross-references answer 503 with
  // Retry-After, which the browser waits out or shows as the identity service unavailable, never as missing links.
  const learning = learnPatients && gateway.identityHarvest && gateway.identityManager ? learnPatients({ harvest: gateway.identityHarvest, manager: gateway.identityManager }) : undefined;
  closers.unshift(async () => {
    await gateway.identityHarvest?.stop();
    await learning;
  });
  const address = await gateway.listen({ port, host });
  if (allowGateway) {
    const listening = new URL(address);
    // The gateway's own loopback names, and `npm run dev`'s (Vite on 5173 forwards /auth here with its own Host).
    const ports = [listening.port, '5173'];
    allowGateway(ports.flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]));
  }
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
