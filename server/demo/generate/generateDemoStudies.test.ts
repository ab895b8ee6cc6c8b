import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSite } from '../demoSites.ts';
import { generateDemoStudies, generatorVersion, type DemoManifest } from './generateDemoStudies.ts';
import { readPart10 } from './dcmjsReader.ts';
import { losslessEncoders, type FrameInfo } from './codecs.ts';
import { qcCases } from './qcCases.ts';

type Instance = { file: DemoManifest['files'][number]; dataset: Record<string, unknown>; transferSyntax: unknown };

let root: string;
let outDir: string;
let manifest: DemoManifest;
let instances: Instance[];
const logs: string[] = [];

function personName(dataset: Record<string, unknown>): string {
  return ((dataset.PatientName as { Alphabetic: string }[])[0] ?? { Alphabetic: '' }).Alphabetic;
}

function seriesOf(predicate: (dataset: Record<string, unknown>) => boolean): Instance[] {
  return instances.filter((instance) => predicate(instance.dataset));
}

interface JpegLsCodec {
  /** The decoded samples and frame info, or `undefined` when the decoder rejects the codestream. */
  decodeJpegLs(codestream: Uint8Array): { pixels: Uint8Array; info: FrameInfo } | undefined;
  encodeJpegLs(pixels: Uint8Array, info: FrameInfo): Uint8Array;
}

interface CharlsDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): FrameInfo;
  delete(): void;
}

async function jpegLsCodec(): Promise<JpegLsCodec> {
  const require = createRequire(import.meta.url);
  const factory = require('@cornerstonejs/codec-charls/decodewasmjs') as (options: object) => Promise<{ JpegLSDecoder: new () => CharlsDecoder }>;
  const charls = await factory({ print: () => undefined, printErr: () => undefined });
  const encoders = await losslessEncoders();
  return {
    decodeJpegLs(codestream) {
      const decoder = new charls.JpegLSDecoder();
      try {
        decoder.getEncodedBuffer(codestream.length).set(codestream);
        decoder.decode();
        return { pixels: decoder.getDecodedBuffer().slice(), info: decoder.getFrameInfo() };
      } catch {
        return undefined;
      } finally {
        decoder.delete();
      }
    },
    encodeJpegLs: encoders.encodeJpegLs,
  };
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'passerelle-demo-'));
  outDir = path.join(root, 'demo');
  manifest = await generateDemoStudies(outDir, (line) => logs.push(line));
  instances = await Promise.all(
    manifest.files.map(async (file) => {
      const { meta, dataset } = readPart10(await readFile(path.join(outDir, file.path)));
      return { file, dataset, transferSyntax: meta['00020010']?.Value?.[0] };
    }),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('generateDemoStudies (full set)', () => {
  it('lists the expected series, counts, SOP classes and transfer syntaxes', () => {
    const series = new Map<string, { count: number; key: string }>();
    for (const { file, dataset } of instances) {
      const key = [file.site, dataset.PatientID, dataset.StudyDate, dataset.Modality, dataset.SeriesNumber, file.sopClassUid, file.transferSyntaxUid].join(' ');
      const entry = series.get(file.seriesInstanceUid) ?? { count: 0, key };
      entry.count++;
      series.set(file.seriesInstanceUid, entry);
    }
    expect([...series.values()].map(({ key, count }) => `${key} ×${count}`)).toEqual([
      'chu A100001 20261118 CT 2 1.2.840.10008.5.1.4.1.1.2 1.2.840.10008.1.2.4.80 ×120',
      'chu A100001 20261118 SR 90 1.2.840.10008.5.1.4.1.1.88.11 1.2.840.10008.1.2.1 ×1',
      'chu A100001 20250510 CT 2 1.2.840.10008.5.1.4.1.1.2 1.2.840.10008.1.2.5 ×100',
      'cgfl B-778899 20260630 CT 3 1.2.840.10008.5.1.4.1.1.2 1.2.840.10008.1.2.4.90 ×80',
      'cgfl B-778899 20260630 DOC 99 1.2.840.10008.5.1.4.1.1.104.1 1.2.840.10008.1.2.1 ×1',
      'chu A100001 20260102 MR 3 1.2.840.10008.5.1.4.1.1.4 1.2.840.10008.1.2.1 ×24',
      'chu A100001 20260102 MR 4 1.2.840.10008.5.1.4.1.1.4 1.2.840.10008.1.2.1 ×24',
      'chu A100002 20261002 CT 2 1.2.840.10008.5.1.4.1.1.2 1.2.840.10008.1.2.1 ×60',
      'chu 300042 20261020 CT 2 1.2.840.10008.5.1.4.1.1.2 1.2.840.10008.1.2.4.80 ×10',
      'chu 300042 20260815 CT 2 1.2.840.10008.5.1.4.1.1.2 1.2.840.10008.1.2 ×60',
      'cgfl 300042 20260920 CR 1 1.2.840.10008.5.1.4.1.1.1 1.2.840.10008.1.2.1 ×1',
      'cgfl 300042 20260925 CT 5 1.2.840.10008.5.1.4.1.1.7.3 1.2.840.10008.1.2.1 ×1',
      ...qcCases.map((qc) => `chu QC-0001 20261101 OT ${qc.number} 1.2.840.10008.5.1.4.1.1.7 ${qc.transferSyntaxUid} ×2`),
      'chu A100005 20250311 CR 1 1.2.840.10008.5.1.4.1.1.1 1.2.840.10008.1.2.1 ×1',
      'cgfl B-812345 20260722 CR 1 1.2.840.10008.5.1.4.1.1.1 1.2.840.10008.1.2.1 ×1',
      'chu A100006 20260204 CR 1 1.2.840.10008.5.1.4.1.1.1 1.2.840.10008.1.2.1 ×1',
      'chu A100007 20260204 CR 1 1.2.840.10008.5.1.4.1.1.1 1.2.840.10008.1.2.1 ×1',
      'chu A100008 20240916 CR 1 1.2.840.10008.5.1.4.1.1.1 1.2.840.10008.1.2.1 ×1',
      'cgfl B-790312 20260510 CR 1 1.2.840.10008.5.1.4.1.1.1 1.2.840.10008.1.2.1 ×1',
    ]);
    expect(manifest.generatorVersion).toBe(generatorVersion);
    expect(manifest.files.filter((file) => file.site === 'chu')).toHaveLength(403 + 2 * qcCases.length);
    expect(manifest.files.filter((file) => file.site === 'cgfl')).toHaveLength(85);
  });

  it('writes files that match the manifest and carry their site\'s issuer', () => {
    for (const { file, dataset, transferSyntax } of instances) {
      expect(transferSyntax).toBe(file.transferSyntaxUid);
      expect(dataset.SOPClassUID).toBe(file.sopClassUid);
      expect(dataset.StudyInstanceUID).toBe(file.studyInstanceUid);
      expect(dataset.SeriesInstanceUID).toBe(file.seriesInstanceUid);
      expect(file.path).toBe(`${file.site}/${file.studyInstanceUid}/${file.seriesInstanceUid}/${String(dataset.SOPInstanceUID)}.dcm`);
      expect(dataset.IssuerOfPatientID).toBe(demoSite(file.site).issuerOfPatientId);
      expect(dataset.InstitutionName).toBe(demoSite(file.site).name);
      expect(dataset.Manufacturer).toBe('Passerelle demo');
      expect(dataset.SpecificCharacterSet).toBeDefined();
      for (const key of ['PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime', 'AccessionNumber', 'StudyID', 'StudyDescription']) {
        expect(dataset[key], key).toBeTruthy();
      }
    }
    expect(new Set(manifest.files.map((file) => path.basename(file.path))).size).toBe(manifest.files.length);
  });

  it('gives each study its own accession number', () => {
    const accessions = new Map(instances.map(({ file, dataset }) => [file.studyInstanceUid, dataset.AccessionNumber]));
    expect(accessions.size).toBe(16);
    expect(new Set(accessions.values()).size).toBe(16);
  });

  it('writes the accented name in ISO 8859-1', async () => {
    const person2 = seriesOf((dataset) => dataset.PatientID === 'A100002');
    expect(person2).toHaveLength(60);
    for (const { dataset } of person2) expect(personName(dataset)).toBe('LEFÈVRE^HÉLÈNE');
    const first = person2[0];
    if (!first) throw new Error('no instance');
    const bytes = await readFile(path.join(outDir, first.file.path));
    expect(bytes.includes(Buffer.from('LEFÈVRE^HÉLÈNE', 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from('LEFÈVRE', 'utf8'))).toBe(false);
  });

  it('carries each INS in the studies: the patient known by her birth name at one site and her married name at the other, and DURAND at both sites', () => {
    const insOf = (dataset: Record<string, unknown>) => {
      const items = dataset.OtherPatientIDsSequence as Record<string, unknown>[] | undefined;
      const item = items?.[0];
      const qualifiers = (item?.IssuerOfPatientIDQualifiersSequence as Record<string, unknown>[] | undefined)?.[0];
      return item ? `${String(item.PatientID)} ${String(item.IssuerOfPatientID)} ${String(qualifiers?.UniversalEntityID)}&${String(qualifiers?.UniversalEntityIDType)}` : undefined;
    };
    const [chuRecord] = seriesOf((dataset) => dataset.PatientID === 'A100005');
    const [cgflRecord] = seriesOf((dataset) => dataset.PatientID === 'B-812345');
    if (!chuRecord || !cgflRecord) throw new Error('no INS patient');
    expect(personName(chuRecord.dataset)).toBe('ROUX^SOPHIE^ANNE');
    expect(personName(cgflRecord.dataset)).toBe('GIRARD^SOPHIE^ANNE');
    expect(insOf(chuRecord.dataset)).toBe('276099913407825 INS-NIR 1.2.250.1.213.1.4.8&ISO');
    expect(insOf(cgflRecord.dataset)).toBe(insOf(chuRecord.dataset));
    const [durandChu] = seriesOf((dataset) => dataset.PatientID === 'A100001');
    const [durandCgfl] = seriesOf((dataset) => dataset.PatientID === 'B-778899');
    if (!durandChu || !durandCgfl) throw new Error('no DURAND');
    expect(personName(durandChu.dataset)).toBe('DURAND^MARIE CLAIRE');
    expect(insOf(durandChu.dataset)).toBe('258039935004587 INS-NIR 1.2.250.1.213.1.4.8&ISO');
    expect(insOf(durandCgfl.dataset)).toBe(insOf(durandChu.dataset));
    expect(insOf(seriesOf((dataset) => dataset.PatientID === 'A100002')[0]?.dataset ?? {})).toBeUndefined();
  });

  it('keeps the two patients 300042 distinct people', () => {
    const people = new Map<string, Set<string>>();
    for (const { file, dataset } of seriesOf((dataset) => dataset.PatientID === '300042')) {
      const set = people.get(file.site) ?? new Set<string>();
      set.add(`${personName(dataset)} ${String(dataset.PatientBirthDate)} ${String(dataset.IssuerOfPatientID)}`);
      people.set(file.site, set);
    }
    expect([...(people.get('chu') ?? [])]).toEqual(['MARTIN^PAUL 19450921 CHU-VDS']);
    expect([...(people.get('cgfl') ?? [])]).toEqual(['BERNARD^LUC 19820203 CACB']);
  });

  it('numbers the cancer centre CT against its acquisition order, so viewers must sort by position', () => {
    const zOf = (instance: Instance): number => (instance.dataset.ImagePositionPatient as number[])[2] ?? NaN;
    const byInstanceNumber = (series: Instance[]): Instance[] => [...series].sort((a, b) => Number(a.dataset.InstanceNumber) - Number(b.dataset.InstanceNumber));
    const tap = byInstanceNumber(seriesOf((d) => d.PatientID === 'B-778899' && d.Modality === 'CT'));
    const current = byInstanceNumber(seriesOf((d) => d.PatientID === 'A100001' && d.StudyDate === '20261118' && d.Modality === 'CT'));
    const prior = seriesOf((d) => d.PatientID === 'A100001' && d.StudyDate === '20250510');
    expect(zOf(tap[1]!) - zOf(tap[0]!)).toBe(5);
    expect(zOf(current[1]!) - zOf(current[0]!)).toBe(-2.5);
    const range = (series: Instance[]): [number, number] => [Math.min(...series.map(zOf)), Math.max(...series.map(zOf))];
    const [tapLow, tapHigh] = range(tap);
    const [currentLow, currentHigh] = range(current);
    const [priorLow, priorHigh] = range(prior);
    expect(tapLow).toBeLessThan(-150);
    expect(Math.max(tapLow, currentLow, priorLow)).toBeLessThan(Math.min(tapHigh, currentHigh, priorHigh) - 200);
    expect(current[0]?.dataset.WindowCenterWidthExplanation).toEqual(['MEDIASTIN', 'POUMON']);
    expect(current[0]?.dataset.RescaleIntercept).toBe(-1024);
  });

  it('writes a Basic Text SR report with a content tree and its evidence', () => {
    const [sr] = seriesOf((d) => d.Modality === 'SR');
    if (!sr) throw new Error('no SR');
    const { dataset } = sr;
    expect(dataset.ValueType).toBe('CONTAINER');
    expect(dataset.VerificationFlag).toBe('VERIFIED');
    const concept = dataset.ConceptNameCodeSequence as Record<string, unknown>;
    expect(concept.CodeValue).toBe('18748-4');
    const sections = dataset.ContentSequence as Record<string, unknown>[];
    const headings = sections.map((section) => (section.ConceptNameCodeSequence as Record<string, unknown>).CodeMeaning);
    expect(headings).toEqual(['Indication', 'Technique', 'Résultats', 'Conclusion']);
    const findings = sections[2]?.ContentSequence as Record<string, unknown>[] | Record<string, unknown>;
    const texts = (Array.isArray(findings) ? findings : [findings]).map((item) => item.TextValue);
    expect(texts.join(' ')).toContain('14 mm');
    const evidence = dataset.CurrentRequestedProcedureEvidenceSequence as Record<string, unknown>;
    const referenced = (evidence.ReferencedSeriesSequence as Record<string, unknown>).ReferencedSOPSequence as unknown[];
    expect(referenced).toHaveLength(120);
  });

  it('encapsulates a PDF report', () => {
    const [doc] = seriesOf((d) => d.Modality === 'DOC');
    if (!doc) throw new Error('no PDF');
    const { dataset } = doc;
    expect(dataset.MIMETypeOfEncapsulatedDocument).toBe('application/pdf');
    const pdf = Buffer.from(new Uint8Array((dataset.EncapsulatedDocument as ArrayBuffer[])[0] ?? new ArrayBuffer(0)));
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const length = Number(dataset.EncapsulatedDocumentLength);
    expect(pdf.subarray(0, length).toString('latin1').endsWith('%%EOF\n')).toBe(true);
    expect(dataset.DocumentTitle).toContain('thoraco-abdomino-pelvienne');
  });

  it('writes the multi-frame secondary capture with a frame increment pointer, each frame its own picture', () => {
    const [sc] = seriesOf((d) => d.SOPClassUID === '1.2.840.10008.5.1.4.1.1.7.3');
    expect(sc?.dataset.NumberOfFrames).toBe(20);
    expect(sc?.dataset.SliceLocationVector).toHaveLength(20);
    const pixels = (sc?.dataset.PixelData as ArrayBuffer[])[0] ?? new ArrayBuffer(0);
    expect(pixels.byteLength).toBe(20 * 256 * 256 * 2);
    const frameLength = 256 * 256;
    const frames = Array.from({ length: 20 }, (_, frame) => new Uint16Array(pixels, frame * frameLength * 2, frameLength));
    for (const frame of frames) {
      expect(new Set(frame).size).toBeGreaterThan(100);
      expect(Math.max(...frame)).toBeLessThan(4096);
    }
    const fingerprints = new Set(frames.map((frame) => createHash('sha256').update(frame).digest('hex')));
    expect(fingerprints.size).toBe(20);
  });

  it('cuts the JPEG-LS scan of one slice of the test series, whose other slices decode losslessly', async () => {
    const series = seriesOf((d) => d.PatientID === '300042' && d.StudyDate === '20261020')
      .sort((a, b) => Number(a.dataset.InstanceNumber) - Number(b.dataset.InstanceNumber));
    expect(series.map(({ dataset }) => dataset.SeriesDescription)).toEqual(new Array(10).fill('Série test corrompue'));
    const { decodeJpegLs, encodeJpegLs } = await jpegLsCodec();
    const info = { width: 512, height: 512, bitsPerSample: 12, componentCount: 1, isSigned: false };
    const outcomes = series.map(({ dataset }) => {
      const fragments = dataset.PixelData as ArrayBuffer[];
      expect(fragments).toHaveLength(1);
      const codestream = new Uint8Array(fragments[0] ?? new ArrayBuffer(0));
      // Valid headers: SOI, then the JPEG-LS frame header.
      expect([codestream[0], codestream[1], codestream[2], codestream[3]]).toEqual([0xff, 0xd8, 0xff, 0xf7]);
      const decoded = decodeJpegLs(codestream);
      if (decoded === undefined) return { instance: dataset.InstanceNumber, decoded: false, size: codestream.length };
      expect(decoded.info).toMatchObject({ width: 512, height: 512, bitsPerSample: 12, componentCount: 1 });
      // Lossless: the decoded samples encode back to the very codestream stored.
      const again = encodeJpegLs(decoded.pixels, info);
      expect(Buffer.compare(Buffer.from(again), Buffer.from(codestream.subarray(0, again.length)))).toBe(0);
      expect([...codestream.subarray(again.length)]).toEqual(again.length % 2 === 0 ? [] : [0]);
      expect(new Set(new Uint16Array(decoded.pixels.buffer, decoded.pixels.byteOffset, 512 * 512)).size).toBeGreaterThan(100);
      return { instance: dataset.InstanceNumber, decoded: true, size: codestream.length };
    });
    expect(outcomes.filter((outcome) => !outcome.decoded)).toEqual([{ instance: 5, decoded: false, size: expect.any(Number) as number }]);
    expect(outcomes.find((outcome) => !outcome.decoded)?.size).toBeLessThan(200);
  });

  it('reuses a complete cache without regenerating', async () => {
    const file = manifest.files[0];
    if (!file) throw new Error('empty manifest');
    const before = await stat(path.join(outDir, file.path));
    const cacheLogs: string[] = [];
    const again = await generateDemoStudies(outDir, (line) => cacheLogs.push(line));
    expect(again).toEqual(manifest);
    expect(cacheLogs.join('\n')).toContain('cached');
    expect((await stat(path.join(outDir, file.path))).mtimeMs).toBe(before.mtimeMs);
    expect(logs.some((line) => line.includes('generated in'))).toBe(true);
  });

  it('writes byte-identical files when generating again elsewhere', async () => {
    const otherDir = path.join(root, 'again');
    const other = await generateDemoStudies(otherDir);
    expect(other).toEqual(manifest);
    const paths = ['manifest.json', ...manifest.files.map((file) => file.path)];
    for (const relative of paths) expect(await sha256(path.join(otherDir, relative)), relative).toBe(await sha256(path.join(outDir, relative)));
    await rm(otherDir, { recursive: true, force: true });
  });
});

describe('generateDemoStudies (reduced set and cache validity)', () => {
  it('generates a reduced set, regenerates an incomplete cache and removes abandoned partial directories', async () => {
    const dir = path.join(root, 'reduced');
    const abandoned = path.join(root, '.reduced.partial-99999999');
    await mkdir(abandoned, { recursive: true });
    const reduced = await generateDemoStudies(dir, { sliceScale: 0.05 });
    expect(reduced.sliceScale).toBe(0.05);
    // CT 6 + SR, CT 5, CT 4 + PDF, MR 2 + 2, CT 3, CT 2, CT 3, CR, SC, the quality-control series whole, 6 CR.
    expect(reduced.files).toHaveLength(7 + 5 + 5 + 4 + 3 + 2 + 3 + 1 + 1 + 2 * qcCases.length + 6);
    await expect(stat(abandoned)).rejects.toThrow();
    const victim = reduced.files[3];
    if (!victim) throw new Error('empty manifest');
    await unlink(path.join(dir, victim.path));
    const regenerated: string[] = [];
    await generateDemoStudies(dir, { sliceScale: 0.05, log: (line) => regenerated.push(line) });
    expect(regenerated.join('\n')).toContain('generated in');
    await stat(path.join(dir, victim.path));
    const stale = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as DemoManifest;
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ ...stale, generatorVersion: generatorVersion - 1 }));
    const afterVersionChange: string[] = [];
    await generateDemoStudies(dir, { sliceScale: 0.05, log: (line) => afterVersionChange.push(line) });
    expect(afterVersionChange.join('\n')).toContain('generated in');
    expect(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'))).toEqual(reduced);
  });

  it('rejects an invalid slice scale', async () => {
    await expect(generateDemoStudies(path.join(root, 'invalid'), { sliceScale: 0 })).rejects.toThrow(/sliceScale/);
  });
});

describe('demo PDF report', () => {
  const available = ((): boolean => {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(available)('opens in a real PDF reader', async () => {
    const [doc] = seriesOf((d) => d.Modality === 'DOC');
    if (!doc) throw new Error('no PDF');
    const length = Number(doc.dataset.EncapsulatedDocumentLength);
    const pdf = new Uint8Array((doc.dataset.EncapsulatedDocument as ArrayBuffer[])[0] ?? new ArrayBuffer(0)).subarray(0, length);
    const file = path.join(root, 'report.pdf');
    await writeFile(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('DURAND Marie-Claire');
    expect(text).toContain('Nodule du lobe supérieur droit de 10 mm');
  });
});
