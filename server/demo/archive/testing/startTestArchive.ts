/**
 * Test helper: builds the fixture files and serves them with the demo archive on an ephemeral port.
 */
import { startDemoArchive } from '../startDemoArchive.ts';
import { buildTestArchive, type TestArchive } from './buildTestArchive.ts';

export interface RunningTestArchive extends TestArchive {
  url: string;
  warnings: string[];
  close(): Promise<void>;
}

export async function startTestArchive(extraFiles: string[] = []): Promise<RunningTestArchive> {
  const fixtures = await buildTestArchive();
  const warnings: string[] = [];
  const archive = await startDemoArchive({ files: [...fixtures.files, ...extraFiles], warn: (message) => warnings.push(message) });
  return {
    ...fixtures,
    url: archive.url,
    warnings,
    close: async () => {
      await archive.close();
      fixtures.cleanup();
    },
  };
}

/** GET with optional Accept, body as a Buffer. */
export async function get(url: string, accept?: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(url, { headers: accept === undefined ? {} : { accept } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}
