/**
 * Starts one Orthanc (Debian's package) with its DICOMweb plugin on loopback, with its own port and storage and
 * HTTP compression off, and loads Part 10 files into it through its REST API (`POST /instances`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './freePort.ts';

export interface RunningOrthanc {
  name: string;
  httpUrl: string;
  /** DICOMweb root, e.g. http://127.0.0.1:PORT/dicom-web */
  dicomweb: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts Orthanc on `options.port` (a free port when left out; give the port of a stopped one to restart it on its
 * storage behind the same URL). Its log is appended to `orthanc.log` in the work folder; `verbose` logs every HTTP
 * request there too.
 */
export async function startOrthanc(options: {
  name: string;
  workDir: string;
  orthanc: string;
  dicomwebPlugin: string;
  port?: number;
  verbose?: boolean;
}): Promise<RunningOrthanc> {
  const port = options.port ?? (await freePort());
  const storage = path.join(options.workDir, 'storage');
  fs.mkdirSync(storage, { recursive: true });
  const configFile = path.join(options.workDir, 'orthanc.json');
  const config = {
    Name: options.name,
    StorageDirectory: storage,
    IndexDirectory: storage,
    StorageCompression: false,
    HttpPort: port,
    HttpServerEnabled: true,
    DicomServerEnabled: false,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpCompressionEnabled: false,
    SaveJobs: false,
    Plugins: [options.dicomwebPlugin],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Ssl: false, StudiesMetadata: 'Full', SeriesMetadata: 'Full' },
  };
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const log = fs.openSync(path.join(options.workDir, 'orthanc.log'), 'a');
  const child = spawn(options.orthanc, [...(options.verbose ? ['--verbose'] : []), configFile], { cwd: options.workDir, stdio: ['ignore', log, log] });
  const httpUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(log);
  };
  try {
    await waitForOrthanc(httpUrl, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: options.name, httpUrl, dicomweb: `${httpUrl}/dicom-web`, process: child, stop };
}

async function waitForOrthanc(httpUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited with code ${child.exitCode} at start (see its orthanc.log)`);
    try {
      const response = await fetch(`${httpUrl}/system`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Orthanc did not answer at ${httpUrl} within 30 s`);
}

/** Uploads Part 10 files, a few at a time; fails on the first refused file. */
export async function loadInstances(httpUrl: string, files: readonly string[], concurrency = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next] as string;
      next += 1;
      const response = await fetch(`${httpUrl}/instances`, {
        method: 'POST',
        headers: { 'content-type': 'application/dicom' },
        body: fs.readFileSync(file),
      });
      if (!response.ok) throw new Error(`Orthanc refused ${file}: HTTP ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
