import { describe, expect, it } from 'vitest';
import { upstreamTroubleOf, upstreamTroubleOfText } from './upstreamTrouble.ts';

describe('upstream trouble', () => {
  it('reads a site marked down, a busy site, an unreachable one and a timeout from the gateway', () => {
    const down = { error: 'site cgfl is marked down after 3 consecutive failures (HTTP 502); retrying in 5 s', upstream: 'site cgfl', siteDown: true, retryAfterSeconds: 5 };
    expect(upstreamTroubleOf(503, down)).toEqual({ kind: 'down', retryAfterSeconds: 5 });
    expect(upstreamTroubleOf(503, { error: 'busy', upstream: 'site cgfl', busy: true })).toEqual({ kind: 'busy' });
    expect(upstreamTroubleOf(502, { error: 'site cgfl is unreachable (ECONNREFUSED)', upstream: 'site cgfl' })).toEqual({ kind: 'unreachable' });
    expect(upstreamTroubleOf(504, { error: 'site cgfl did not answer within 8000 ms', upstream: 'site cgfl' })).toEqual({ kind: 'timeout' });
    expect(upstreamTroubleOfText(503, JSON.stringify(down))).toEqual({ kind: 'down', retryAfterSeconds: 5 });
  });

  it('leaves an archive’s own answers alone', () => {
    expect(upstreamTroubleOf(503, { Message: 'Orthanc is busy' })).toBeUndefined();
    expect(upstreamTroubleOf(404, { error: 'unknown site "x"' })).toBeUndefined();
    expect(upstreamTroubleOf(500, { error: 'x', upstream: 'site cgfl' })).toBeUndefined();
    expect(upstreamTroubleOfText(502, '<html>Bad Gateway</html>')).toBeUndefined();
    expect(upstreamTroubleOfText(200, '{"upstream":"site cgfl"}')).toBeUndefined();
  });
});
