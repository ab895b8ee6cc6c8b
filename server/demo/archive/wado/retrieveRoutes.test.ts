import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicomFile } from '../dicom/dcmjsApi.ts';
import { UID } from '../testing/buildTestArchive.ts';
import { parseMultipart } from '../testing/parseMultipart.ts';
import { get, startTestArchive, type RunningTestArchive } from '../testing/startTestArchive.ts';

interface FullReader {
  data: { DicomMessage: { readFile(buffer: ArrayBuffer): { dict: Record<string, { Value?: unknown[] }> } } };
}
const dcmjs = createRequire(import.meta.url)('dcmjs') as FullReader;

const DICOM = 'multipart/related; type="application/dicom"';

describe('WADO-RS retrieve of instances (PS3.18 §10.4)', () => {
  let archive: RunningTestArchive;
  beforeAll(async () => {
    archive = await startTestArchive();
  });
  afterAll(() => archive.close());

  const base = () => `${archive.url}/studies`;
  const arrayBuffer = (bytes: Buffer) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;

  it('returns an instance as one Part 10 part that parses back', async () => {
    const response = await get(`${base()}/${UID.studyA}/series/${UID.seriesA1}/instances/${UID.ct3}`, `${DICOM}; transfer-syntax=*`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/related; type="application\/dicom"; transfer-syntax=1\.2\.840\.10008\.1\.2\.1; boundary=/);
    const parts = parseMultipart(response.body, response.headers.get('content-type'));
    expect(parts).toHaveLength(1);
    expect(parts[0]?.headers['content-type']).toBe('application/dicom; transfer-syntax=1.2.840.10008.1.2.1');
    const body = parts[0]?.body ?? Buffer.alloc(0);
    expect(body.subarray(128, 132).toString()).toBe('DICM');
    const parsed = dcmjs.data.DicomMessage.readFile(arrayBuffer(body));
    expect(parsed.dict['00080018']?.Value).toEqual([UID.ct3]);
    expect(parsed.dict['00100010']?.Value).toEqual([{ Alphabetic: 'Élodie^Martin' }]);
    expect(parseDicomFile(arrayBuffer(body)).dataset['00200013']?.Value).toEqual([3]);
    const file = archive.files.find((name) => name.endsWith('ct3.dcm')) ?? '';
    expect(body.equals(fs.readFileSync(file))).toBe(true);
  });

  it('returns a series and a study as one part per instance, in order', async () => {
    const series = await get(`${base()}/${UID.studyA}/series/${UID.seriesA1}`, DICOM);
    const seriesParts = parseMultipart(series.body, series.headers.get('content-type'));
    expect(seriesParts.map((part) => part.headers['content-location']?.split('/').pop())).toEqual([UID.ct1, UID.ct2, UID.ct3]);
    const study = await get(`${base()}/${UID.studyB}`, DICOM);
    expect(study.status).toBe(200);
    const studyParts = parseMultipart(study.body, study.headers.get('content-type'));
    expect(studyParts).toHaveLength(4);
    expect(study.headers.get('content-type')).not.toContain('transfer-syntax');
    expect(studyParts.map((part) => part.headers['content-type'])).toContain('application/dicom; transfer-syntax=1.2.840.10008.1.2.5');
    expect(Number(study.headers.get('content-length'))).toBe(study.body.length);
  });

  it('returns a single instance as application/dicom when asked so', async () => {
    const response = await get(`${base()}/${UID.studyC}/series/${UID.seriesC1}/instances/${UID.ctC}`, 'application/dicom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/dicom; transfer-syntax=1.2.840.10008.1.2.1');
    expect(response.body.subarray(128, 132).toString()).toBe('DICM');
  });

  it('answers 406 for a transfer syntax it would have to transcode to, or another media type', async () => {
    const url = `${base()}/${UID.studyB}/series/${UID.seriesB2}/instances/${UID.jls}`;
    expect((await get(url, `${DICOM}; transfer-syntax=1.2.840.10008.1.2.1`)).status).toBe(406);
    expect((await get(url, `${DICOM}; transfer-syntax=1.2.840.10008.1.2.4.80`)).status).toBe(200);
    expect((await get(url, 'application/dicom+json')).status).toBe(406);
  });

  it('answers 404 for unknown resources', async () => {
    expect((await get(`${base()}/1.2.3`, DICOM)).status).toBe(404);
    expect((await get(`${base()}/${UID.studyA}/series/1.2.3`, DICOM)).status).toBe(404);
    expect((await get(`${base()}/${UID.studyA}/series/${UID.seriesA1}/instances/1.2.3`, DICOM)).status).toBe(404);
    const unknown = await get(`${archive.url}/workitems`);
    expect(unknown.status).toBe(404);
  });
});
