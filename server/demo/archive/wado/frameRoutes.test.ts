import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UID } from '../testing/buildTestArchive.ts';
import { parseMultipart } from '../testing/parseMultipart.ts';
import { get, startTestArchive, type RunningTestArchive } from '../testing/startTestArchive.ts';

const OCTETS = 'multipart/related; type="application/octet-stream"';
const ANY_SYNTAX = `${OCTETS}; transfer-syntax=*`;

describe('WADO-RS frames (PS3.18 §10.4, §8.7.3)', () => {
  let archive: RunningTestArchive;
  beforeAll(async () => {
    archive = await startTestArchive();
  });
  afterAll(() => archive.close());

  const framesUrl = (study: string, series: string, instance: string, list: string) =>
    `${archive.url}/studies/${study}/series/${series}/instances/${instance}/frames/${list}`;
  const frames = async (study: string, series: string, instance: string, list: string, accept?: string) => {
    const response = await get(framesUrl(study, series, instance, list), accept);
    return { ...response, parts: response.status === 200 ? parseMultipart(response.body, response.headers.get('content-type')) : [] };
  };

  it('serves native frames as Explicit VR Little Endian octet streams', async () => {
    const { status, headers, parts } = await frames(UID.studyA, UID.seriesA1, UID.ct2, '1', OCTETS);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^multipart\/related; type="application\/octet-stream"; transfer-syntax=1\.2\.840\.10008\.1\.2\.1; boundary=passerelle-[0-9a-f]{32}$/);
    expect(Number(headers.get('content-length'))).toBeGreaterThan(128);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.headers['content-type']).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1');
    expect(parts[0]?.headers['content-location']).toBe(framesUrl(UID.studyA, UID.seriesA1, UID.ct2, '1'));
    expect(parts[0]?.body.equals(archive.frames[UID.ct2]?.[0] ?? Buffer.alloc(0))).toBe(true);
  });

  it('serves the frames of a multi-frame in the order asked, Implicit VR files as Explicit VR Little Endian', async () => {
    const { headers, parts } = await frames(UID.studyA, UID.seriesA2, UID.multiFrame, '3,1,2', ANY_SYNTAX);
    expect(headers.get('content-type')).toContain('transfer-syntax=1.2.840.10008.1.2.1;');
    const expected = archive.frames[UID.multiFrame] ?? [];
    expect(parts.map((part) => part.body)).toEqual([expected[2], expected[0], expected[1]]);
    expect(parts.map((part) => part.headers['content-location']?.split('/').pop())).toEqual(['3', '1', '2']);
  });

  it('serves encapsulated frames as stored, fragments joined, for transfer-syntax=* or the stored syntax', async () => {
    const rle = await frames(UID.studyB, UID.seriesB1, UID.rle, '1,2', ANY_SYNTAX);
    expect(rle.parts.map((part) => part.body)).toEqual(archive.frames[UID.rle]);
    expect(rle.parts[0]?.headers['content-type']).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.5');
    const rleExplicit = await frames(UID.studyB, UID.seriesB1, UID.rle, '2', `${OCTETS}; transfer-syntax=1.2.840.10008.1.2.5`);
    expect(rleExplicit.parts[0]?.body.equals(archive.frames[UID.rle]?.[1] ?? Buffer.alloc(0))).toBe(true);
    const jls = await frames(UID.studyB, UID.seriesB2, UID.jls, '1', 'multipart/related; type="image/jls"');
    expect(jls.headers.get('content-type')).toMatch(/^multipart\/related; type="image\/jls"; transfer-syntax=1\.2\.840\.10008\.1\.2\.4\.80;/);
    expect(jls.parts[0]?.headers['content-type']).toBe('image/jls; transfer-syntax=1.2.840.10008.1.2.4.80');
    expect(jls.parts[0]?.body.equals(archive.frames[UID.jls]?.[0] ?? Buffer.alloc(0))).toBe(true);
    const j2k = await frames(UID.studyB, UID.seriesB2, UID.j2k, '2,1', 'multipart/related; type="image/jp2"; transfer-syntax=1.2.840.10008.1.2.4.90');
    const expected = archive.frames[UID.j2k] ?? [];
    expect(j2k.parts.map((part) => part.body)).toEqual([expected[1], expected[0]]);
    expect(j2k.parts[0]?.body.subarray(0, 2).toString('hex')).toBe('ff4f');
  });

  it('answers 406 when compressed frames are asked for uncompressed or in another syntax', async () => {
    const plain = await frames(UID.studyB, UID.seriesB2, UID.jls, '1', OCTETS);
    expect(plain.status).toBe(406);
    expect(JSON.parse(plain.body.toString()).error).toContain('1.2.840.10008.1.2.4.80');
    expect((await frames(UID.studyB, UID.seriesB2, UID.jls, '1', 'multipart/related; type="image/jp2"')).status).toBe(406);
    expect((await frames(UID.studyB, UID.seriesB2, UID.j2k, '1', `${OCTETS}; transfer-syntax=1.2.840.10008.1.2.4.80`)).status).toBe(406);
    expect((await frames(UID.studyA, UID.seriesA1, UID.ct1, '1', 'multipart/related; type="image/jls"')).status).toBe(406);
    expect((await frames(UID.studyA, UID.seriesA1, UID.ct1, '1', 'image/png')).status).toBe(406);
  });

  it('takes the best acceptable of several media types, by quality', async () => {
    const accept = `${OCTETS}; q=0.5, multipart/related; type="image/jp2"; q=0.9, multipart/related; type="image/jls"; q=0.8`;
    const jls = await frames(UID.studyB, UID.seriesB2, UID.jls, '1', accept);
    expect(jls.status).toBe(200);
    expect(jls.parts[0]?.headers['content-type']).toMatch(/^image\/jls/);
    const native = await frames(UID.studyA, UID.seriesA1, UID.ct1, '1', accept);
    expect(native.parts[0]?.headers['content-type']).toMatch(/^application\/octet-stream/);
  });

  it('serves the stored syntax when anything is acceptable', async () => {
    const jls = await frames(UID.studyB, UID.seriesB2, UID.jls, '1');
    expect(jls.status).toBe(200);
    expect(jls.parts[0]?.headers['content-type']).toBe('image/jls; transfer-syntax=1.2.840.10008.1.2.4.80');
  });

  it('answers 400 for a malformed frame list and 404 for a frame out of range or no pixel data', async () => {
    expect((await frames(UID.studyA, UID.seriesA2, UID.multiFrame, '0', ANY_SYNTAX)).status).toBe(400);
    expect((await frames(UID.studyA, UID.seriesA2, UID.multiFrame, '1,x', ANY_SYNTAX)).status).toBe(400);
    expect((await frames(UID.studyA, UID.seriesA2, UID.multiFrame, '1,,2', ANY_SYNTAX)).status).toBe(400);
    expect((await frames(UID.studyA, UID.seriesA2, UID.multiFrame, '4', ANY_SYNTAX)).status).toBe(404);
    expect((await frames(UID.studyA, UID.seriesA3, UID.sr, '1', ANY_SYNTAX)).status).toBe(404);
    expect((await frames(UID.studyA, UID.seriesA1, '1.2.3', '1', ANY_SYNTAX)).status).toBe(404);
  });

  it('uses the same boundary for the same request', async () => {
    const first = await get(framesUrl(UID.studyA, UID.seriesA1, UID.ct1, '1'), ANY_SYNTAX);
    const second = await get(framesUrl(UID.studyA, UID.seriesA1, UID.ct1, '1'), ANY_SYNTAX);
    expect(first.headers.get('content-type')).toBe(second.headers.get('content-type'));
    expect(Number(first.headers.get('content-length'))).toBe(first.body.length);
  });
});
