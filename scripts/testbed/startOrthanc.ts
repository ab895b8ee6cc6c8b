/**
 * Starts one Orthanc (Debian's package) with its DICOMweb plugin on loopback, with its own port and storage and
 * HTTP compression off, and loads Part 10 files into it through its REST API (`POST /instances`). With `users`, its
 * HTTP server asks for Basic authentication (`AuthenticationEnabled`, `RegisteredUsers`): every route, the DICOMweb
 * plugin's included; whoever talks to it directly sends `orthancHeaders(orthanc)`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './freePort.ts';

/** How to reach an Orthanc directly: its address and, when it asks for authentication, the header to send. */
export interface OrthancEndpoint {
  httpUrl: string;
  /** `Basic …` for an Orthanc started with `users`. */
  authorization?: string | undefined;
}

export interface RunningOrthanc extends OrthancEndpoint {
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
  /** Turns HTTP authentication on for these users (name → password); the first one is the one `authorization` names. */
  users?: Record<string, string>;
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
    AuthenticationEnabled: options.users !== undefined,
    ...(options.users !== undefined ? { RegisteredUsers: options.users } : {}),
    HttpCompressionEnabled: false,
    SaveJobs: false,
    Plugins: [options.dicomwebPlugin],
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, Ssl: false, StudiesMetadata: 'Full', SeriesMetadata: 'Full' },
  };
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const log = fs.openSync(path.join(options.workDir, 'orthanc.log'), 'a');
  const child = spawn(options.orthanc, [...(options.verbose ? ['--verbose'] : []), configFile], { cwd: options.workDir, stdio: ['ignore', log, log] });
  const httpUrl = `http://127.0.0.1:${port}`;
  const [user] = Object.entries(options.users ?? {});
  const authorization = user ? basicAuthorization(user[0], user[1]) : undefined;
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
    await waitForOrthanc({ httpUrl, authorization }, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: options.name, httpUrl, authorization, dicomweb: `${httpUrl}/dicom-web`, process: child, stop };
}

/** The `Authorization` value of HTTP Basic authentication (RFC 7617). */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** The headers a direct request to this Orthanc carries: its credentials, when it asks for some. */
export function orthancHeaders(orthanc: OrthancEndpoint, headers: Record<string, string> = {}): Record<string, string> {
  return orthanc.authorization !== undefined ? { ...headers, authorization: orthanc.authorization } : headers;
}

async function waitForOrthanc(orthanc: OrthancEndpoint, child: ChildProcess): Promise<void> {
  const { httpUrl } = orthanc;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited with code ${child.exitCode} at start (see its orthanc.log)`);
    const status = await fetch(`${httpUrl}/system`, { headers: orthancHeaders(orthanc) }).then(
      (response) => response.status,
      () => undefined, // not listening yet
    );
    if (status === 200) return;
    if (status === 401) throw new Error(`Orthanc at ${httpUrl} refused the test bed's credentials`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Orthanc did not answer at ${httpUrl} within 30 s`);
}

/** Uploads Part 10 files, a few at a time, with the Orthanc's credentials when it has some; fails on the first refused file. */
export async function loadInstances(orthanc: string | OrthancEndpoint, files: readonly string[], concurrency = 4): Promise<void> {
  const endpoint = typeof orthanc === 'string' ? { httpUrl: orthanc } : orthanc;
  const { httpUrl } = endpoint;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next] as string;
      next += 1;
      const response = await fetch(`${httpUrl}/instances`, {
        method: 'POST',
        headers: orthancHeaders(endpoint, { 'content-type': 'application/dicom' }),
        body: fs.readFileSync(file),
      });
      if (!response.ok) throw new Error(`Orthanc refused ${file}: HTTP ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
