/**
 * The corpus gallery's own archive: one Orthanc (Debian's, with its DICOMweb plugin) loaded with the DICOM corpus,
 * file by file so that a file it refuses is recorded rather than fatal; a check that its process lives and answers
 * `GET /system`; and a restart on the same storage and port when it does not, so that one file that kills it does
 * not hide the outcomes of the others.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePrerequisites } from '../../scripts/testbed/prerequisites.ts';
import { startOrthanc, type RunningOrthanc } from '../../scripts/testbed/startOrthanc.ts';
import { corpusFilePath, type CorpusFile, type CorpusManifest } from '../../scripts/testbed/dicomCorpus.ts';

/** What Orthanc answered to a file's upload (`POST /instances`). */
export interface Upload {
  file: string;
  accepted: boolean;
  /** HTTP status, or 0 when the request itself failed. */
  status: number;
  /** Orthanc's answer when it refused the file. */
  message?: string;
}

export interface CorpusArchive {
  /** DICOMweb root, the same across restarts. */
  dicomweb: string;
  workDir: string;
  uploads: Upload[];
  /** Why Orthanc is not alive and answering now (`undefined` when it is). */
  problem(): Promise<string | undefined>;
  /** Starts Orthanc again on its storage and port. */
  restart(): Promise<void>;
  /** The end of Orthanc's log, `lines` lines. */
  logTail(lines: number): string;
  stop(): Promise<void>;
}

async function upload(httpUrl: string, manifest: CorpusManifest, file: CorpusFile): Promise<Upload> {
  try {
    const response = await fetch(`${httpUrl}/instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/dicom' },
      body: fs.readFileSync(corpusFilePath(manifest, file)),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return response.ok ? { file: file.file, accepted: true, status: response.status } : { file: file.file, accepted: false, status: response.status, message: text.trim() };
  } catch (error) {
    return { file: file.file, accepted: false, status: 0, message: (error as Error).message };
  }
}

/** Starts Orthanc in a temporary folder and uploads every corpus file, one at a time. */
export async function startCorpusArchive(manifest: CorpusManifest): Promise<CorpusArchive> {
  const prerequisites = requirePrerequisites();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-corpus-'));
  const options = { name: 'pydicom-corpus', workDir, orthanc: prerequisites.orthanc, dicomwebPlugin: prerequisites.dicomwebPlugin, verbose: true };
  let orthanc: RunningOrthanc = await startOrthanc(options);
  const port = Number(new URL(orthanc.httpUrl).port);

  const problem = async (): Promise<string | undefined> => {
    const child = orthanc.process;
    if (child.exitCode !== null || child.signalCode !== null) return `Orthanc exited (${child.signalCode ?? `code ${child.exitCode}`})`;
    try {
      const response = await fetch(`${orthanc.httpUrl}/system`, { signal: AbortSignal.timeout(5000) });
      return response.ok ? undefined : `GET /system answered HTTP ${response.status}`;
    } catch (error) {
      return `GET /system failed: ${(error as Error).message}`;
    }
  };
  const restart = async () => {
    await orthanc.stop();
    orthanc = await startOrthanc({ ...options, port });
  };

  const uploads: Upload[] = [];
  for (const file of manifest.files) {
    uploads.push(await upload(orthanc.httpUrl, manifest, file));
    const dead = await problem();
    if (dead) {
      uploads[uploads.length - 1] = { file: file.file, accepted: false, status: 0, message: `the upload stopped Orthanc: ${dead}` };
      await restart();
    }
  }
  return {
    dicomweb: orthanc.dicomweb,
    workDir,
    uploads,
    problem,
    restart,
    logTail: (lines) => {
      const log = fs.readFileSync(path.join(workDir, 'orthanc.log'), 'utf8').split('\n');
      return log.slice(-lines - 1).join('\n');
    },
    stop: async () => {
      await orthanc.stop();
    },
  };
}
