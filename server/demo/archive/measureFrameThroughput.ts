/**
 * Measures how fast the demo archive serves frames: writes a series of 512 × 512 16-bit CT slices (512 KiB of pixel
 * data each), starts the archive on them, then fetches every frame over HTTP (WADO-RS frames, PS3.18 §10.4),
 * one at a time and then six at a time (as a browser does per host) over keep-alive connections, reading each
 * multipart body whole. Client and server share this process (and its event loop).
 *
 * Run: npx tsx server/demo/archive/measureFrameThroughput.ts [slices=100] [rounds=3]
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startDemoArchive } from './startDemoArchive.ts';
import { writePart10 } from './testing/writePart10.ts';

const slices = Number(process.argv[2] ?? 100);
const rounds = Number(process.argv[3] ?? 3);
const ROOT = '1.2.826.0.1.3680043.10.1561.8';
const ACCEPT = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

function writeSeries(dir: string): string[] {
  const pixels = Buffer.alloc(512 * 512 * 2);
  return Array.from({ length: slices }, (_, index) => {
    for (let at = 0; at < pixels.length; at += 2) pixels.writeInt16LE(((at / 2 + index * 37) % 2000) - 1000, at);
    const file = path.join(dir, `slice${index}.dcm`);
    writePart10(file, {
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      dataset: {
        SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
        SOPInstanceUID: `${ROOT}.1.1.${index + 1}`,
        StudyInstanceUID: `${ROOT}.1`,
        SeriesInstanceUID: `${ROOT}.1.1`,
        Modality: 'CT',
        InstanceNumber: index + 1,
        Rows: 512,
        Columns: 512,
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        BitsAllocated: 16,
        BitsStored: 16,
        HighBit: 15,
        PixelRepresentation: 1,
        PixelData: pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.length),
      },
    });
    return file;
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** GETs one frames resource with a keep-alive connection and reads the whole body; resolves to its length. */
function fetchFrame(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers: { accept: ACCEPT } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`${url}: ${response.statusCode ?? 0}`));
      let length = 0;
      response.on('data', (chunk: Buffer) => (length += chunk.length));
      response.on('end', () => resolve(length));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

async function run(urls: string[], concurrency: number): Promise<{ seconds: number; bytes: number }> {
  const started = process.hrtime.bigint();
  let next = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++] ?? '';
        const size = await fetchFrame(url);
        bytes += size;
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, bytes };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-frames-'));
try {
  const files = writeSeries(dir);
  const indexStarted = process.hrtime.bigint();
  const archive = await startDemoArchive({ files });
  console.log(`indexed ${slices} files and started in ${(Number(process.hrtime.bigint() - indexStarted) / 1e6).toFixed(0)} ms`);
  const series = `${archive.url}/studies/${ROOT}.1/series/${ROOT}.1.1`;
  const urls = files.map((_, index) => `${series}/instances/${ROOT}.1.1.${index + 1}/frames/1`);
  await run(urls.slice(0, 5), 1);
  for (const concurrency of [1, 6]) {
    for (let round = 1; round <= rounds; round += 1) {
      const { seconds, bytes } = await run(urls, concurrency);
      console.log(
        `concurrency ${concurrency}, round ${round}: ${urls.length} frames in ${(seconds * 1000).toFixed(0)} ms = ` +
          `${(urls.length / seconds).toFixed(0)} frames/s, ${(bytes / seconds / 2 ** 20).toFixed(0)} MiB/s`,
      );
    }
  }
  agent.destroy();
  await archive.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
