/**
 * Independent reference renderings of the corpus files, by DICOM toolkits that are not the viewer's: DCMTK's
 * `dcmj2pnm` (native, deflated, big endian, RLE, JPEG) and `dcml2pnm` (JPEG-LS), and for what they cannot decode
 * (JPEG 2000) GDCM's `gdcmconv --raw` first, then `dcm2pnm`. Grey images are windowed min-max (`+Wm`); every frame
 * is written as a 16-bit PGM/PPM and reduced to the comparison grid of {@link gridSize}.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { downsample, gridSize, parsePnm } from './imageComparison.ts';

const run = promisify(execFile);

/** A reference rendering reduced to the comparison grid, one grid per frame; or why there is none. */
export type ReferenceRendering =
  | { tool: string; width: number; height: number; frames: number[][] }
  | { tool: 'none'; failure: string };

async function attempt(command: string, args: string[]): Promise<string | undefined> {
  try {
    await run(command, args, { timeout: 60_000 });
    return undefined;
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    return (failed.stderr || failed.message).trim().split('\n').slice(0, 3).join(' ');
  }
}

/** The frames `prefix.N.pgm|ppm` a renderer wrote, in frame order. */
function writtenFrames(dir: string, prefix: string): string[] {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.p[gp]m$`);
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, frame: Number(pattern.exec(name)?.[1] ?? NaN) }))
    .filter((entry) => Number.isInteger(entry.frame))
    .sort((a, b) => a.frame - b.frame)
    .map((entry) => path.join(dir, entry.name));
}

/** Renders `file` (rows × columns) with the first toolkit that decodes it, into `workDir`. */
export async function renderReference(file: string, rows: number, columns: number, workDir: string): Promise<ReferenceRendering> {
  const prefix = path.basename(file, '.dcm');
  const out = path.join(workDir, prefix);
  const options = ['-q', '+Wm', '+opw', '+Fa'];
  const failures: string[] = [];
  const attempts: [string, () => Promise<string | undefined>][] = [
    ['dcmj2pnm', () => attempt('dcmj2pnm', [...options, file, out])],
    ['dcml2pnm', () => attempt('dcml2pnm', [...options, file, out])],
    [
      'gdcmconv --raw, dcm2pnm',
      async () => {
        const raw = path.join(workDir, `${prefix}.raw.dcm`);
        return (await attempt('gdcmconv', ['--raw', file, raw])) ?? (await attempt('dcm2pnm', [...options, raw, out]));
      },
    ],
  ];
  for (const [tool, render] of attempts) {
    const failure = await render();
    const frames = writtenFrames(workDir, prefix);
    if (failure === undefined && frames.length > 0) {
      const grid = gridSize(rows, columns);
      const grids = frames.map((frame) => downsample(parsePnm(fs.readFileSync(frame)), grid.width, grid.height).map((value) => Math.round(value * 100) / 100));
      return { tool, width: grid.width, height: grid.height, frames: grids };
    }
    failures.push(`${tool}: ${failure ?? 'no picture written'}`);
  }
  return { tool: 'none', failure: failures.join('; ') };
}
