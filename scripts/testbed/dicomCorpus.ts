/**
 * The DICOM corpus of the corpus gallery: pydicom's public test files as Debian's `python3-pydicom` ships them,
 * each file holding pixel data rewritten with fresh UIDs and a Patient ID of its own (by `corpusRewrite.py`, in its
 * own encoding), with an independent reference rendering of each, and a manifest. Built once into
 * `.cache/dicom-corpus/v<version>/`; a change of what is built bumps {@link CORPUS_VERSION}.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderReference, type ReferenceRendering } from './corpusReferences.ts';

const run = promisify(execFile);

/** Bumped whenever the files, their UIDs or the reference renderings would come out differently. */
export const CORPUS_VERSION = 1;
/** Issuer of Patient ID (0010,0021) of every corpus file: the corpus site's `issuerOfPatientId`. */
export const CORPUS_ISSUER = 'PYDICOM-CORPUS';
/** Where Debian's python3-pydicom keeps its test files. */
export const PYDICOM_TEST_FILES = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
/** Debian's Python, which has pydicom (a `python3` earlier on PATH may not). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

const here = path.dirname(fileURLToPath(import.meta.url));

/** One rewritten file, as `corpusRewrite.py` describes it, with its reference rendering. */
export interface CorpusFile {
  /** The file name in pydicom's folder (and in the corpus folder). */
  file: string;
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  patientId: string;
  /** From the meta header; `''` when the file has none or names none. */
  transferSyntaxUid: string;
  /** How the data set is encoded, e.g. `explicit big endian`. */
  encoding: string;
  /** The data set is encoded otherwise than its meta header's transfer syntax says. */
  encodingMismatch: boolean;
  hasMeta: boolean;
  sopClassUid: string;
  modality: string;
  photometric: string;
  rows: number | null;
  columns: number | null;
  frames: number;
  samplesPerPixel: number | null;
  bitsAllocated: number | null;
  bitsStored: number | null;
  pixelRepresentation: number | null;
  /** Row spacing over column spacing. */
  pixelAspect: number;
  reference: ReferenceRendering;
}

export interface CorpusManifest {
  version: number;
  source: string;
  issuer: string;
  /** Folder of the rewritten files. */
  dir: string;
  files: CorpusFile[];
  /** Files pydicom could not read or write, with why. */
  unreadable: { file: string; problem: string }[];
}

type Rewritten = Omit<CorpusFile, 'reference'> | { file: string; problem: string };

/** Builds the corpus under `cacheRoot` (e.g. `.cache`) unless this version is there already; returns its manifest. */
export async function prepareDicomCorpus(cacheRoot: string, log: (line: string) => void = () => undefined): Promise<CorpusManifest> {
  const dir = path.join(cacheRoot, 'dicom-corpus', `v${CORPUS_VERSION}`);
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const cached = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as CorpusManifest;
    if (cached.version === CORPUS_VERSION) return { ...cached, dir };
  }
  const started = Date.now();
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const filesDir = path.join(building, 'files');
  const referencesDir = path.join(building, 'references');
  fs.mkdirSync(referencesDir, { recursive: true });
  const { stdout } = await run(SYSTEM_PYTHON, [path.join(here, 'corpusRewrite.py'), PYDICOM_TEST_FILES, filesDir, CORPUS_ISSUER, String(CORPUS_VERSION)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const rewritten = JSON.parse(stdout) as Rewritten[];
  const files: CorpusFile[] = [];
  const unreadable: CorpusManifest['unreadable'] = [];
  for (const entry of rewritten) {
    if ('problem' in entry) {
      unreadable.push(entry);
      continue;
    }
    const reference: ReferenceRendering =
      entry.rows && entry.columns
        ? await renderReference(path.join(filesDir, entry.file), entry.rows, entry.columns, referencesDir)
        : { tool: 'none', failure: 'no Rows and Columns: not an image' };
    files.push({ ...entry, reference });
  }
  const manifest: CorpusManifest = { version: CORPUS_VERSION, source: PYDICOM_TEST_FILES, issuer: CORPUS_ISSUER, dir: '', files, unreadable };
  fs.writeFileSync(path.join(building, 'manifest.json'), JSON.stringify(manifest, null, 1));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
  log(`DICOM corpus: ${files.length} files with pixel data from ${PYDICOM_TEST_FILES} rewritten into ${dir} in ${Date.now() - started} ms`);
  return { ...manifest, dir };
}

/** The path of a corpus file. */
export function corpusFilePath(manifest: CorpusManifest, file: CorpusFile): string {
  return path.join(manifest.dir, 'files', file.file);
}
