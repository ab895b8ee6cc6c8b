/**
 * Generates the embedded demo's synthetic studies as DICOM Part 10 files (PS3.10), deterministically: the
 * same generator version always writes byte-identical files. Files are laid out as
 * `<outDir>/<site>/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm`, listed in
 * `<outDir>/manifest.json`. An existing complete cache of the same version is reused.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoSiteKey } from '../demoSites.ts';
import { demoStudies, type DemoSeriesSpec, type DemoStudy } from './demoCatalog.ts';
import { studyInstanceUid } from './demoUids.ts';
import type { GeneratedInstance } from './commonModules.ts';
import { generatorVersion } from './generatorVersion.ts';
import { installDirectory, manifestFileName, partialDirectory, readValidManifest, removeAbandonedSiblings } from './demoCache.ts';
import { ctSeriesInstances } from './ctSeries.ts';
import { mrSeriesInstances } from './mrSeries.ts';
import { basicTextSrInstances } from './basicTextSr.ts';
import { encapsulatedPdfInstances } from './encapsulatedPdf.ts';
import { crSeriesInstances } from './crInstance.ts';
import { multiframeScInstances } from './multiframeSc.ts';
import { qcSeriesInstances } from './qcSeries.ts';

export { generatorVersion } from './generatorVersion.ts';

export interface DemoManifestFile {
  site: DemoSiteKey;
  /** Relative to the output directory, with forward slashes. */
  path: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

export interface DemoManifest {
  generatorVersion: number;
  /** Fraction of CT/MR slices generated: 1 for the full demo set. */
  sliceScale: number;
  files: DemoManifestFile[];
}

export interface GenerateDemoOptions {
  log?: (line: string) => void;
  /**
   * Generates only this fraction of each CT and MR series' slices (at least 2 each), from the top, for fast
   * tests. Default 1: the full set.
   */
  sliceScale?: number;
}

function seriesInstances(study: DemoStudy, spec: DemoSeriesSpec, sliceScale: number): AsyncGenerator<GeneratedInstance> {
  switch (spec.kind) {
    case 'ct':
      return ctSeriesInstances(study, spec, sliceScale);
    case 'mr':
      return mrSeriesInstances(study, spec, sliceScale);
    case 'sr':
      return basicTextSrInstances(study, spec, sliceScale);
    case 'pdf':
      return encapsulatedPdfInstances(study, spec);
    case 'cr':
      return crSeriesInstances(study, spec);
    case 'sc-multiframe':
      return multiframeScInstances(study, spec);
    case 'qc':
      return qcSeriesInstances(study, spec);
  }
}

async function generateInto(dir: string, sliceScale: number, log: (line: string) => void): Promise<DemoManifest> {
  const files: DemoManifestFile[] = [];
  for (const study of demoStudies) {
    const studyUid = studyInstanceUid(study);
    const site = study.patient.site;
    for (const spec of study.series) {
      const started = performance.now();
      let count = 0;
      let bytes = 0;
      for await (const instance of seriesInstances(study, spec, sliceScale)) {
        const relative = [site, studyUid, instance.seriesInstanceUid, `${instance.sopInstanceUid}.dcm`].join('/');
        if (count === 0) await mkdir(path.join(dir, path.dirname(relative)), { recursive: true });
        await writeFile(path.join(dir, relative), instance.bytes);
        files.push({
          site,
          path: relative,
          sopClassUid: instance.sopClassUid,
          transferSyntaxUid: instance.transferSyntaxUid,
          studyInstanceUid: studyUid,
          seriesInstanceUid: instance.seriesInstanceUid,
        });
        count++;
        bytes += instance.bytes.length;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(`Demo studies: ${site} ${study.patient.patientId} ${study.description} ${study.date} - series ${spec.number} "${spec.description}": ${count} instance(s), ${(bytes / 1e6).toFixed(1)} MB in ${seconds} s`);
    }
  }
  return { generatorVersion, sliceScale, files };
}

function resolveOptions(logOrOptions: ((line: string) => void) | GenerateDemoOptions | undefined): { log: (line: string) => void; sliceScale: number } {
  const options = typeof logOrOptions === 'function' ? { log: logOrOptions } : (logOrOptions ?? {});
  const sliceScale = options.sliceScale ?? 1;
  if (!(sliceScale > 0 && sliceScale <= 1)) throw new Error(`sliceScale must be in (0, 1], got ${sliceScale}`);
  return { log: options.log ?? (() => undefined), sliceScale };
}

/**
 * Returns the manifest of the demo studies in `outDir`, generating them first unless a complete cache of the
 * same generator version (and slice scale) is already there. `outDir` belongs to the generator: a stale cache
 * in it is replaced as a whole. The second argument is a progress logger or an options object.
 */
export async function generateDemoStudies(
  outDir: string,
  logOrOptions?: ((line: string) => void) | GenerateDemoOptions,
): Promise<DemoManifest> {
  const { log, sliceScale } = resolveOptions(logOrOptions);
  const dir = path.resolve(outDir);
  const expected = { generatorVersion, sliceScale };
  const cached = await readValidManifest<DemoManifest>(dir, expected);
  if (cached) {
    log(`Demo studies: using ${cached.files.length} cached instances in ${dir}`);
    return cached;
  }
  const started = performance.now();
  log(`Demo studies: generating into ${dir} (generator version ${generatorVersion})…`);
  await mkdir(path.dirname(dir), { recursive: true });
  await removeAbandonedSiblings(dir);
  const partial = partialDirectory(dir);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  let manifest: DemoManifest;
  try {
    manifest = await generateInto(partial, sliceScale, log);
    await writeFile(path.join(partial, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  const installed = await installDirectory(partial, dir, async () => (await readValidManifest(dir, expected)) !== undefined);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!installed) {
    const other = await readValidManifest<DemoManifest>(dir, expected);
    if (!other) throw new Error(`demo cache in ${dir} vanished`);
    log(`Demo studies: another process generated them first; using its ${other.files.length} instances`);
    return other;
  }
  log(`Demo studies: ${manifest.files.length} instances generated in ${seconds} s`);
  return manifest;
}
