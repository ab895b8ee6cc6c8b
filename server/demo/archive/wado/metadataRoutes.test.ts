import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UID } from '../testing/buildTestArchive.ts';
import { parseMultipart } from '../testing/parseMultipart.ts';
import { get, startTestArchive, type RunningTestArchive } from '../testing/startTestArchive.ts';

type Json = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string }>;

/** GET through node:http, which lets the test choose the Host header. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { host, accept: 'application/dicom+json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
  });
}

describe('WADO-RS metadata and bulk data (PS3.18 §10.4)', () => {
  let archive: RunningTestArchive;
  beforeAll(async () => {
    archive = await startTestArchive();
  });
  afterAll(() => archive.close());

  const metadata = async (path: string) => {
    const { status, headers, body } = await get(`${archive.url}${path}/metadata`, 'application/dicom+json');
    return { status, headers, json: status === 200 ? (JSON.parse(body.toString('utf8')) as Json[]) : [] };
  };
  const instancePath = (study: string, series: string, instance: string) => `/studies/${study}/series/${series}/instances/${instance}`;

  it('answers the full data set of each instance of a study, series or instance', async () => {
    expect((await metadata(`/studies/${UID.studyA}`)).json).toHaveLength(5);
    expect((await metadata(`/studies/${UID.studyA}/series/${UID.seriesA1}`)).json).toHaveLength(3);
    const { status, headers, json } = await metadata(instancePath(UID.studyA, UID.seriesA1, UID.ct1));
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/dicom+json; charset=utf-8');
    const [ct] = json;
    expect(ct?.['00020010']).toEqual({ vr: 'UI', Value: ['1.2.840.10008.1.2.1'] });
    expect(ct?.['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Élodie^Martin' }] });
    expect(ct?.['00281052']).toEqual({ vr: 'DS', Value: [-1024] });
    expect(ct?.['00280010']).toEqual({ vr: 'US', Value: [8] });
    expect(ct?.['7FE00010']).toEqual({ vr: 'OW', BulkDataURI: `${archive.url}${instancePath(UID.studyA, UID.seriesA1, UID.ct1)}/bulk/7FE00010` });
    expect(Object.keys(ct ?? {})).toEqual(Object.keys(ct ?? {}).sort());
  });

  it('builds absolute BulkDataURIs from the Host the client used', async () => {
    const { status, body } = await getWithHost(`${archive.url}${instancePath(UID.studyB, UID.seriesB3, UID.pdf)}/metadata`, 'archive.example:8042');
    expect(status).toBe(200);
    const [pdf] = JSON.parse(body) as Json[];
    expect(pdf?.['00420011']).toEqual({
      vr: 'OB',
      BulkDataURI: `http://archive.example:8042/dicom-web${instancePath(UID.studyB, UID.seriesB3, UID.pdf)}/bulk/00420011`,
    });
    expect(pdf?.['7FE00010']).toBeUndefined();
  });

  it('serves top-level bulk data from the file', async () => {
    const response = await get(`${archive.url}${instancePath(UID.studyB, UID.seriesB3, UID.pdf)}/bulk/00420011`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/related; type="application\/octet-stream"; boundary=/);
    const parts = parseMultipart(response.body, response.headers.get('content-type'));
    expect(parts).toHaveLength(1);
    expect(parts[0]?.body.equals(archive.pdf)).toBe(true);
  });

  it('references nested bulk data by its path and inlines small binary values', async () => {
    const { json } = await metadata(instancePath(UID.studyC, UID.seriesC1, UID.ctC));
    const icon = json[0]?.['00880200']?.Value?.[0] as Json | undefined;
    expect(icon?.['7FE00010']?.BulkDataURI).toBe(`${archive.url}${instancePath(UID.studyC, UID.seriesC1, UID.ctC)}/bulk/00880200/0/7FE00010`);
    expect(icon?.['00280010']).toEqual({ vr: 'US', Value: [40] });
    const nested = await get(icon?.['7FE00010']?.BulkDataURI ?? '');
    const [part] = parseMultipart(nested.body, nested.headers.get('content-type'));
    expect(part?.body.equals(Buffer.alloc(1600, 9))).toBe(true);
    const pdf = (await metadata(instancePath(UID.studyB, UID.seriesB3, UID.pdf))).json[0];
    expect(pdf?.['00420012']?.Value).toEqual(['application/pdf']);
  });

  it('serves the Pixel Data as bulk data: native in one part, encapsulated one part per frame', async () => {
    const native = await get(`${archive.url}${instancePath(UID.studyA, UID.seriesA2, UID.multiFrame)}/bulk/7FE00010`);
    const nativeParts = parseMultipart(native.body, native.headers.get('content-type'));
    expect(nativeParts).toHaveLength(1);
    expect(nativeParts[0]?.body.equals(Buffer.concat(archive.frames[UID.multiFrame] ?? []))).toBe(true);
    const rle = await get(`${archive.url}${instancePath(UID.studyB, UID.seriesB1, UID.rle)}/bulk/7fe00010`, 'multipart/related; type="application/octet-stream"; transfer-syntax=*');
    const rleParts = parseMultipart(rle.body, rle.headers.get('content-type'));
    expect(rleParts.map((part) => part.body)).toEqual(archive.frames[UID.rle]);
    expect(rleParts[0]?.headers['content-type']).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.5');
  });

  it('answers 404 for unknown studies, series, instances and bulk paths', async () => {
    expect((await metadata('/studies/1.2.3')).status).toBe(404);
    expect((await metadata(`/studies/${UID.studyA}/series/1.2.3`)).status).toBe(404);
    expect((await metadata(instancePath(UID.studyA, UID.seriesA1, '1.2.3'))).status).toBe(404);
    expect((await metadata(instancePath(UID.studyB, UID.seriesA1, UID.ct1))).status).toBe(404);
    const missing = await get(`${archive.url}${instancePath(UID.studyA, UID.seriesA1, UID.ct1)}/bulk/00420011`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString()).error).toContain('00420011');
  });
});
