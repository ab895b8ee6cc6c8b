import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UID } from './testing/buildTestArchive.ts';
import { get, startTestArchive, type RunningTestArchive } from './testing/startTestArchive.ts';
import { startDemoArchive } from './startDemoArchive.ts';

describe('startDemoArchive', () => {
  let archive: RunningTestArchive;
  const junk = path.join(os.tmpdir(), `passerelle-junk-${process.pid}.dcm`);
  beforeAll(async () => {
    fs.writeFileSync(junk, 'not dicom');
    archive = await startTestArchive([junk]);
  });
  afterAll(async () => {
    await archive.close();
    fs.rmSync(junk, { force: true });
  });

  it('serves DICOMweb under /dicom-web on the loopback interface', () => {
    expect(archive.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dicom-web$/);
  });

  it('skips files it cannot index, saying why', async () => {
    expect(archive.warnings).toHaveLength(1);
    expect(archive.warnings[0]).toContain(junk);
    expect((await get(`${archive.url}/instances`, 'application/dicom+json')).status).toBe(200);
  });

  it('answers 404 with a reason outside its resources', async () => {
    const response = await get(`${archive.url.replace('/dicom-web', '')}/other`);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString()).error).toContain('/other');
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await fetch(`${archive.url}/studies/${UID.studyA}/series/${UID.seriesA1}/instances/${UID.ct1}/frames/1`, {
      method: 'HEAD',
      headers: { accept: 'multipart/related; type="application/octet-stream"' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/related/);
  });

  it('starts empty and closes', async () => {
    const empty = await startDemoArchive({ files: [], port: 0 });
    const response = await get(`${empty.url}/studies`);
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('[]');
    await empty.close();
    await expect(fetch(`${empty.url}/studies`)).rejects.toThrow();
  });
});
