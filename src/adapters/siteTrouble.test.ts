import { describe, expect, it } from 'vitest';
import { onSiteTrouble, siteFailure, siteIdOfUrl, SiteTroubleError, troubleOf } from './siteTrouble.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('site trouble', () => {
  it('finds the site of a same-origin DICOMweb URL', () => {
    expect(siteIdOfUrl('http://viewer.test/sites/cgfl/dicom-web/studies/1.2/series')).toBe('cgfl');
    expect(siteIdOfUrl('/sites/chu-val-de-saone/dicom-web/studies')).toBe('chu-val-de-saone');
    expect(siteIdOfUrl('/identity/pixm/Patient')).toBeUndefined();
  });

  it('turns the gateway’s refusal into an error naming the site, and tells the listeners', async () => {
    const heard: string[] = [];
    const stop = onSiteTrouble((siteId, trouble) => heard.push(`${siteId}:${trouble.kind}`));
    const error = await siteFailure(
      'cgfl',
      json(503, { error: 'site cgfl is marked down after 3 consecutive failures (HTTP 502); retrying in 5 s', upstream: 'site cgfl', siteDown: true, retryAfterSeconds: 5 }),
    );
    stop();
    expect(error).toBeInstanceOf(SiteTroubleError);
    expect(error.message).toBe('HTTP 503: site cgfl is marked down after 3 consecutive failures (HTTP 502); retrying in 5 s');
    expect(troubleOf(error)).toEqual({ kind: 'down', retryAfterSeconds: 5 });
    expect(heard).toEqual(['cgfl:down']);
  });

  it('leaves an archive’s own refusal as a plain error, untold', async () => {
    const heard: string[] = [];
    const stop = onSiteTrouble((siteId) => heard.push(siteId));
    const error = await siteFailure('cgfl', json(404, { Message: 'Unknown resource' }));
    stop();
    expect(troubleOf(error)).toBeUndefined();
    expect(error.message).toBe('HTTP 404');
    expect(heard).toEqual([]);
  });
});
