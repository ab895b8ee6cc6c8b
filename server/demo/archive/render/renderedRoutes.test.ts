import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UID } from '../testing/buildTestArchive.ts';
import { readPng } from '../testing/readPng.ts';
import { get, startTestArchive, type RunningTestArchive } from '../testing/startTestArchive.ts';

/** VOI LUT function LINEAR of PS3.3 §C.11.2.1.2.1, output range 0–255. */
function linear(x: number, center: number, width: number): number {
  if (x <= center - 0.5 - (width - 1) / 2) return 0;
  if (x > center - 0.5 + (width - 1) / 2) return 255;
  return Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * 255);
}

describe('WADO-RS rendered resources and thumbnails (PS3.18 §10.4.1.1.3)', () => {
  let archive: RunningTestArchive;
  beforeAll(async () => {
    archive = await startTestArchive();
  });
  afterAll(() => archive.close());

  const instance = (study: string, series: string, sop: string) => `${archive.url}/studies/${study}/series/${series}/instances/${sop}`;
  const png = async (url: string, accept = 'image/png') => {
    const response = await get(url, accept);
    expect(response.status, url).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    return readPng(response.body);
  };

  it('renders a native CT slice with its rescale and first window', async () => {
    const image = await png(`${instance(UID.studyA, UID.seriesA1, UID.ct1)}/rendered`);
    expect([image.width, image.height, image.colorType]).toEqual([8, 8, 0]);
    const expected = Array.from({ length: 64 }, (_, index) => linear(index * 7 + 50 - 1024, -1000, 400));
    expect([...image.pixels]).toEqual(expected);
  });

  it('applies a window asked for with the window parameter', async () => {
    const image = await png(`${instance(UID.studyA, UID.seriesA1, UID.ct1)}/rendered?window=-800,800,linear`);
    expect(image.pixels[10]).toBe(linear(10 * 7 + 50 - 1024, -800, 800));
    expect((await get(`${instance(UID.studyA, UID.seriesA1, UID.ct1)}/rendered?window=abc`, 'image/png')).status).toBe(400);
  });

  it('renders frames of native, RLE, JPEG-LS and JPEG 2000 pixel data over their value range', async () => {
    const cases = [
      `${instance(UID.studyA, UID.seriesA2, UID.multiFrame)}/frames/2/rendered`,
      `${instance(UID.studyB, UID.seriesB1, UID.rle)}/frames/2/rendered`,
      `${instance(UID.studyB, UID.seriesB2, UID.jls)}/rendered`,
      `${instance(UID.studyB, UID.seriesB2, UID.j2k)}/frames/2/rendered`,
      `${instance(UID.studyC, UID.seriesC1, UID.ctC)}/rendered`,
    ];
    for (const url of cases) {
      const image = await png(url);
      expect([image.width, image.height], url).toEqual([8, 8]);
      expect(image.pixels[0], url).toBe(0);
      expect(image.pixels[63], url).toBe(255);
      for (let index = 33; index < 64; index += 1) expect(image.pixels[index], url).toBeGreaterThanOrEqual(image.pixels[index - 1] ?? 0);
    }
    const rle = await png(`${instance(UID.studyB, UID.seriesB1, UID.rle)}/frames/1/rendered`);
    expect(new Set(rle.pixels.subarray(0, 32))).toEqual(new Set([0]));
  });

  it('scales to the viewport', async () => {
    const small = await png(`${instance(UID.studyA, UID.seriesA1, UID.ct1)}/rendered?viewport=4,4`);
    expect([small.width, small.height]).toEqual([4, 4]);
    const large = await png(`${instance(UID.studyA, UID.seriesA1, UID.ct1)}/rendered?viewport=32,16`);
    expect([large.width, large.height]).toEqual([16, 16]);
    expect((await get(`${instance(UID.studyA, UID.seriesA1, UID.ct1)}/rendered?viewport=0,10`, 'image/png')).status).toBe(400);
  });

  it('makes series and study thumbnails from the middle image, never enlarged', async () => {
    const series = await get(`${archive.url}/studies/${UID.studyA}/series/${UID.seriesA1}/thumbnail`, 'image/png');
    const middle = await get(`${instance(UID.studyA, UID.seriesA1, UID.ct2)}/rendered`, 'image/png');
    expect(series.status).toBe(200);
    expect(series.body.equals(middle.body)).toBe(true);
    const study = await get(`${archive.url}/studies/${UID.studyA}/thumbnail`, '*/*');
    expect(study.body.equals(middle.body)).toBe(true);
    const tiny = await png(`${archive.url}/studies/${UID.studyA}/series/${UID.seriesA1}/thumbnail?viewport=2,2`);
    expect([tiny.width, tiny.height]).toEqual([2, 2]);
    expect((await get(`${archive.url}/studies/${UID.studyA}/series/${UID.seriesA3}/thumbnail`, 'image/png')).status).toBe(404);
  });

  it('renders an encapsulated PDF as application/pdf', async () => {
    const response = await get(`${instance(UID.studyB, UID.seriesB3, UID.pdf)}/rendered`, 'application/pdf');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.body.equals(archive.pdf)).toBe(true);
    expect((await get(`${instance(UID.studyB, UID.seriesB3, UID.pdf)}/rendered`, 'image/png')).status).toBe(406);
  });

  it('answers 406 for what it cannot produce and 400/404 for bad frames', async () => {
    const sr = await get(`${instance(UID.studyA, UID.seriesA3, UID.sr)}/rendered`, 'image/png');
    expect(sr.status).toBe(406);
    expect(JSON.parse(sr.body.toString()).error).toContain('no image');
    expect((await get(`${instance(UID.studyA, UID.seriesA1, UID.ct1)}/rendered`, 'image/jpeg')).status).toBe(406);
    expect((await get(`${instance(UID.studyA, UID.seriesA1, UID.ct1)}/rendered?accept=image/png`, 'image/jpeg')).status).toBe(200);
    expect((await get(`${instance(UID.studyA, UID.seriesA2, UID.multiFrame)}/frames/1,2/rendered`, 'image/png')).status).toBe(400);
    expect((await get(`${instance(UID.studyA, UID.seriesA2, UID.multiFrame)}/frames/9/rendered`, 'image/png')).status).toBe(404);
    expect((await get(`${instance(UID.studyA, UID.seriesA1, '1.2.3')}/rendered`, 'image/png')).status).toBe(404);
  });
});
