import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getWithRetry, retryAfterMs } from './getWithRetry.ts';

/** A real HTTP server that answers each path with a scripted list of statuses. */
let server: http.Server;
let base: string;
const scripts = new Map<string, number[]>();
const hits = new Map<string, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/hang') return;
    if (path === '/marked-down') {
      res.writeHead(503, { 'retry-after': '5', 'content-type': 'application/json' }).end('{"error":"site cgfl is marked down","upstream":"site cgfl","siteDown":true}');
      return;
    }
    if (path === '/slow504') {
      setTimeout(() => res.writeHead(504).end('504'), 300);
      return;
    }
    const status = scripts.get(path)?.shift() ?? 200;
    res.writeHead(status, status === 429 ? { 'retry-after': '0' } : {});
    res.end(String(status));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const noSleep = async () => undefined;

describe('getWithRetry', () => {
  it('retries 503 and 429 and returns the first success', async () => {
    scripts.set('/flaky', [503, 429, 200]);
    const answer = await getWithRetry(`${base}/flaky`, { deadlineMs: 5000, sleep: noSleep });
    expect(answer.kind === 'response' && answer.response.status).toBe(200);
    expect(hits.get('/flaky')).toBe(3);
  });

  it('does not retry a 404 or a 400', async () => {
    scripts.set('/missing', [404, 200]);
    const answer = await getWithRetry(`${base}/missing`, { deadlineMs: 5000, sleep: noSleep });
    expect(answer.kind === 'response' && answer.response.status).toBe(404);
    expect(hits.get('/missing')).toBe(1);
  });

  it('gives up after the attempts allowed', async () => {
    scripts.set('/down', [502, 502, 502, 502]);
    const answer = await getWithRetry(`${base}/down`, { deadlineMs: 5000, sleep: noSleep, maxAttempts: 3 });
    expect(answer.kind === 'response' && answer.response.status).toBe(502);
    expect(hits.get('/down')).toBe(3);
  });

  it('cuts a hung server off at the deadline, without retrying past it', async () => {
    const started = performance.now();
    const answer = await getWithRetry(`${base}/hang`, { deadlineMs: 300 });
    expect(answer.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('does not retry a 504 that took the time a retry would need (a site timeout seen by the gateway)', async () => {
    const answer = await getWithRetry(`${base}/slow504`, { deadlineMs: 550, sleep: noSleep, random: () => 0 });
    expect(answer.kind === 'response' && answer.response.status).toBe(504);
    expect(hits.get('/slow504')).toBe(1);
  });

  it('reports a network error after retrying it', async () => {
    const answer = await getWithRetry('http://127.0.0.1:9/', { deadlineMs: 5000, sleep: noSleep, maxAttempts: 2 });
    expect(answer.kind).toBe('network-error');
  });
});

describe('retryAfterMs', () => {
  it('does not wait out a long Retry-After (a site marked down by the gateway): the answer comes at once', async () => {
    const slept: number[] = [];
    const answer = await getWithRetry(`${base}/marked-down`, { deadlineMs: 30_000, sleep: async (ms) => void slept.push(ms) });
    expect(answer.kind === 'response' && answer.response.status).toBe(503);
    expect(hits.get('/marked-down')).toBe(1);
    expect(slept).toEqual([]);
  });

  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
