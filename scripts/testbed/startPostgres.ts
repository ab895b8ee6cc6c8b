/**
 * Starts a throw-away PostgreSQL server (Debian's package) on a free loopback port, with its data and its Unix
 * socket in a temporary folder, trusting local connections; `stop()` shuts it down and removes the folder.
 *
 * PostgreSQL refuses to run as root, so as root the server programs run as the `postgres` user that Debian's
 * package creates, over a folder handed to that user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort.ts';
import { INSTALL_COMMAND, locatePostgresBin } from './prerequisites.ts';

export interface RunningPostgres {
  /** A superuser connection URL to the `postgres` database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

function runAsServerUser(binDir: string, program: string, args: readonly string[]): void {
  const executable = path.join(binDir, program);
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', executable, ...args]] : [executable, [...args]];
  const run = spawnSync(command, commandArgs, { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`${program} failed (exit ${run.status ?? run.signal}): ${(run.stderr || run.stdout || run.error?.message || '').trim()}`);
  }
}

export async function startPostgres(options: { binDir?: string } = {}): Promise<RunningPostgres> {
  const binDir = options.binDir ?? locatePostgresBin();
  if (!binDir) throw new Error(`The tests need the PostgreSQL server (initdb, pg_ctl). Install it with:\n  ${INSTALL_COMMAND}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-postgres-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(workDir, uid, gid);
  }
  const dataDir = path.join(workDir, 'data');
  const port = await freePort();
  let started = false;
  const stop = async () => {
    if (started) {
      started = false;
      runAsServerUser(binDir, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-s']);
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  };
  try {
    runAsServerUser(binDir, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    // fsync off: a test server's data is thrown away, and durability costs seconds on a busy machine.
    const serverOptions = `-p ${port} -h 127.0.0.1 -k ${workDir} -F -c max_connections=50`;
    runAsServerUser(binDir, 'pg_ctl', ['start', '-D', dataDir, '-l', path.join(workDir, 'postgres.log'), '-o', serverOptions, '-w', '-t', '60', '-s']);
    started = true;
  } catch (error) {
    const logFile = path.join(workDir, 'postgres.log');
    const logTail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    await stop();
    throw new Error(`${(error as Error).message}${logTail ? `\n${logTail}` : ''}`, { cause: error });
  }
  return { adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
}
