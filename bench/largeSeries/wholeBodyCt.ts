/**
 * The large-series bench's data: a synthetic whole-body CT of 6,000 axial slices 512×512 (0.3 mm apart, JPEG-LS
 * lossless like the demo CT), drawn by the demo's body phantom, stored in an Orthanc of its own. The archive's
 * storage is the cache: it is filled once (generation piped into `POST /instances`, about 15 ms a slice here), in a
 * sibling directory moved into place when complete, and reused while the generator version holds. It never
 * enters `npm start`'s demo.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CtSeriesSpec, DemoStudy } from '../../server/demo/generate/demoCatalog.ts';
import { ctSeriesInstances } from '../../server/demo/generate/ctSeries.ts';
import { seriesInstanceUid, studyInstanceUid } from '../../server/demo/generate/demoUids.ts';
import { generatorVersion } from '../../server/demo/generate/generatorVersion.ts';
import type { GeneratedInstance } from '../../server/demo/generate/commonModules.ts';
import { jpegLsLossless } from '../../server/demo/generate/transferSyntaxes.ts';
import type { Prerequisites } from '../../scripts/testbed/prerequisites.ts';
import { startOrthanc, type RunningOrthanc } from '../../scripts/testbed/startOrthanc.ts';

/** Bump when the bench's series changes; the demo's own generator version is part of the key too. */
const WHOLE_BODY_VERSION = 1;
export const WHOLE_BODY_SLICES = 6000;

const series: CtSeriesSpec = {
  kind: 'ct', number: 2, description: 'Corps entier 0,3 mm', bodyPart: 'WHOLEBODY', slices: WHOLE_BODY_SLICES, spacingMm: 0.3,
  pixelSpacingMm: 0.9765625, firstZ: 250, transferSyntaxUid: jpegLsLossless, contrast: true, noduleDiameterMm: 9,
};

export const wholeBodyStudy: DemoStudy = {
  key: 'bench/BENCH-6000/ct-corps-entier', date: '20261201', time: '081500', accessionNumber: 'BENCH-6000', studyId: '6000',
  description: 'TDM CORPS ENTIER', referringPhysician: 'MOREAU^ANNE',
  patient: { site: 'chu', patientId: 'BENCH-6000', name: 'GRANDE^SERIE', birthDate: '19660415', sex: 'M', personKey: 'bench-whole-body', bodyScale: 1 },
  series: [series],
};

export const wholeBodyUids = { studyUid: studyInstanceUid(wholeBodyStudy), seriesUid: seriesInstanceUid(wholeBodyStudy, series.number) };

interface Marker {
  demoGeneratorVersion: number;
  wholeBodyVersion: number;
  slices: number;
}

const expected: Marker = { demoGeneratorVersion: generatorVersion, wholeBodyVersion: WHOLE_BODY_VERSION, slices: WHOLE_BODY_SLICES };
const MARKER = 'complete.json';

function isComplete(dir: string): boolean {
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'))) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

async function post(httpUrl: string, instance: GeneratedInstance): Promise<void> {
  const response = await fetch(`${httpUrl}/instances`, { method: 'POST', headers: { 'content-type': 'application/dicom' }, body: new Blob([new Uint8Array(instance.bytes)]) });
  if (!response.ok) throw new Error(`Orthanc refused ${instance.sopInstanceUid}: HTTP ${response.status} ${await response.text()}`);
}

/** Generates the series into the Orthanc at `httpUrl`, a few uploads in flight while the next slice is drawn. */
async function generateInto(httpUrl: string, log: (line: string) => void): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  const started = Date.now();
  for await (const instance of ctSeriesInstances(wholeBodyStudy, series, 1)) {
    const upload: Promise<void> = post(httpUrl, instance).finally(() => inFlight.delete(upload));
    inFlight.add(upload);
    if (inFlight.size >= 3) await Promise.race(inFlight);
    done += 1;
    if (done % 500 === 0) log(`  ${done}/${WHOLE_BODY_SLICES} slices generated and stored (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await Promise.all(inFlight);
}

/** The Orthanc holding the whole-body CT, from the cache under `cacheRoot` (filled first when missing or stale). */
export async function startWholeBodyArchive(cacheRoot: string, prerequisites: Prerequisites, log: (line: string) => void): Promise<RunningOrthanc> {
  const dir = path.join(cacheRoot, 'large-series', `archive-v${generatorVersion}.${WHOLE_BODY_VERSION}`);
  const orthancOptions = (workDir: string) => ({ name: 'bench-large', workDir, orthanc: prerequisites.orthanc, dicomwebPlugin: prerequisites.dicomwebPlugin });
  if (!isComplete(dir)) {
    const partial = `${dir}.partial-${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    log(`Generating the ${WHOLE_BODY_SLICES}-slice whole-body CT into an Orthanc under ${dir} (once; a few minutes)…`);
    const started = Date.now();
    const filling = await startOrthanc(orthancOptions(partial));
    try {
      await generateInto(filling.httpUrl, log);
    } finally {
      await filling.stop();
    }
    fs.writeFileSync(path.join(partial, MARKER), JSON.stringify(expected));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
    log(`Whole-body CT stored in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return startOrthanc(orthancOptions(dir));
}
