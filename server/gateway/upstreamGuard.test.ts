/**
 * The gateway's protection of its upstreams, end to end over HTTP: a stand-in upstream that holds each request
 * until the test lets it answer, so that what reaches it, and when, is decided by the test and not by timing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { SiteConfig } from '../../src/domain/config/runtimeConfig.ts';
import { createGateway } from './createGateway.ts';

interface Held {
  url: string;
  answer(status: number, body?: string): void;
  /** Starts a streamed answer that sends a chunk every 50 ms and never ends. */
  trickle(): void;
  /** Sends the headers and a chunk, then breaks the connection: the archive dying mid-answer. */
  breakMidAnswer(): void;
  closed: Promise<void>;
}

/** An upstream that holds every request; it counts those in flight and the most at once. */
async function startHoldingUpstream() {
  const held: Held[] = [];
  let inFlight = 0;
  let most = 0;
  let seen = 0;
  const server = http.createServer((req, res) => {
    seen += 1;
    inFlight += 1;
    most = Math.max(most, inFlight);
    const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
    res.once('close', () => (inFlight -= 1));
    held.push({
      url: req.url ?? '',
      answer: (status, body = '[]') => res.writeHead(status, { 'content-type': 'application/dicom+json' }).end(body),
      trickle: () => {
        res.writeHead(200, { 'content-type': 'multipart/related; type="application/octet-stream"; boundary=b' });
        const timer = setInterval(() => res.write(Buffer.alloc(1024)), 50);
        res.once('close', () => clearInterval(timer));
      },
      breakMidAnswer: () => {
        res.writeHead(200, { 'content-type': 'multipart/related; type="application/octet-stream"; boundary=b' });
        res.write(Buffer.alloc(1024), () => res.destroy());
      },
      closed,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    inFlight: () => inFlight,
    most: () => most,
    seen: () => seen,
    /** Takes the oldest held request (polling until there is one). */
    async next(): Promise<Held> {
      await expect.poll(() => held.length, { timeout: 5000 }).toBeGreaterThan(0);
      return held.shift() as Held;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Upstream = Awaited<ReturnType<typeof startHoldingUpstream>>;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(port: number, path: string, signal?: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('answer broken off'));
      });
    });
    req.on('error', reject);
  });
}

const site = (id: string, dicomweb: string, extra: Partial<SiteConfig> = {}): SiteConfig => ({
  id,
  name: id,
  dicomweb,
  issuerOfPatientId: id.toUpperCase(),
  patientIdSystem: `urn:oid:1.2.${id.length}.${id.charCodeAt(0)}`,
  timeoutMs: 5000,
  ...extra,
});

describe('upstream protection', () => {
  let upstream: Upstream;
  let gateway: FastifyInstance;
  let port: number;
  let time = 1_000_000;
  /** Requests that reached the gateway, by path. */
  const arrived: string[] = [];

  beforeAll(async () => {
    upstream = await startHoldingUpstream();
    gateway = await createGateway({
      now: () => time,
      config: {
        sites: [
          site('bounded', `${upstream.url}/bounded`, { maxConcurrentRequests: 2 }),
          site('queued', `${upstream.url}/queued`, { maxConcurrentRequests: 1, timeoutMs: 300 }),
          site('failing', `${upstream.url}/failing`, { circuitBreaker: { failureThreshold: 3, initialBackoffMs: 5000, maxBackoffMs: 8000 } }),
          site('breaking', `${upstream.url}/breaking`, { circuitBreaker: { failureThreshold: 2 } }),
        ],
        identity: { pixm: 'http://127.0.0.1:9/fhir', circuitBreaker: { failureThreshold: 2 } },
      },
    });
    gateway.addHook('onRequest', async (request) => {
      arrived.push(request.url);
    });
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    port = (gateway.server.address() as AddressInfo).port;
  });

  afterEach(() => {
    for (const request of upstream.held.splice(0)) request.answer(200);
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('sends a burst to the upstream at most maxConcurrentRequests at a time, first come first served', async () => {
    const answers = Array.from({ length: 7 }, (_, index) => get(port, `/sites/bounded/dicom-web/studies?n=${index}`));
    const order: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const request = await upstream.next();
      expect(upstream.inFlight()).toBeLessThanOrEqual(2);
      order.push(request.url);
      request.answer(200);
    }
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual(Array(7).fill(200));
    expect(upstream.most()).toBe(2);
    // The first two went at once (in either order); the rest in the order they came.
    expect(order.slice(2)).toEqual([2, 3, 4, 5, 6].map((index) => `/bounded/studies?n=${index}`));
  });

  it('answers 503 naming the site when a request waits for a slot longer than the site timeout', async () => {
    const seenBefore = upstream.seen();
    // The first answer keeps streaming: it holds the one slot without ever being silent for the timeout.
    const streaming = new AbortController();
    const first = get(port, '/sites/queued/dicom-web/studies?first', streaming.signal).catch(() => undefined);
    (await upstream.next()).trickle();
    const second = await get(port, '/sites/queued/dicom-web/studies?second');
    expect(second.status).toBe(503);
    expect(JSON.parse(second.body)).toMatchObject({ upstream: 'site queued', busy: true });
    expect(JSON.parse(second.body).error).toMatch(/^site queued is busy: all 1 of its request slots stayed in use for \d+ ms$/);
    expect(second.headers['retry-after']).toBe('1');
    expect(upstream.seen()).toBe(seenBefore + 1);
    streaming.abort();
    await first;
  });

  it('frees the slot of a client that goes away while queued or while its answer streams', async () => {
    const streaming = new AbortController();
    const first = get(port, '/sites/queued/dicom-web/frames/1', streaming.signal).catch(() => undefined);
    const holder = await upstream.next();
    holder.trickle();
    const queued = new AbortController();
    const gone = get(port, '/sites/queued/dicom-web/frames/2', queued.signal).catch(() => undefined);
    await expect.poll(() => arrived.includes('/sites/queued/dicom-web/frames/2')).toBe(true);
    queued.abort();
    await gone;
    streaming.abort();
    await first;
    await holder.closed;
    const third = get(port, '/sites/queued/dicom-web/frames/3');
    const reached = await upstream.next();
    expect(reached.url).toBe('/queued/frames/3');
    reached.answer(200);
    expect((await third).status).toBe(200);
    expect(upstream.most()).toBeLessThanOrEqual(2);
  });

  it('marks a site down after three consecutive failures, probes it once after the back-off, and closes on success', async () => {
    const seenBefore = upstream.seen();
    for (let index = 0; index < 3; index += 1) {
      const answer = get(port, '/sites/failing/dicom-web/studies');
      (await upstream.next()).answer(index === 1 ? 502 : 503, '{}');
      expect((await answer).status).toBe(index === 1 ? 502 : 503);
    }
    // A 500 would have been an answer: here three 50x in a row open the circuit.
    const refused = await get(port, '/sites/failing/dicom-web/studies');
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(JSON.parse(refused.body)).toEqual({
      error: 'site failing is marked down after 3 consecutive failures (HTTP 503); retrying in 5 s',
      upstream: 'site failing',
      siteDown: true,
      retryAfterSeconds: 5,
    });
    expect(upstream.seen()).toBe(seenBefore + 3);

    time += 5000;
    const probe = get(port, '/sites/failing/dicom-web/studies?probe');
    const probeRequest = await upstream.next();
    const others = await Promise.all([get(port, '/sites/failing/dicom-web/studies'), get(port, '/sites/failing/dicom-web/studies')]);
    for (const other of others) {
      expect(other.status).toBe(503);
      expect(JSON.parse(other.body).error).toBe('site failing is marked down after 3 consecutive failures (HTTP 503); a probe request is checking it now');
    }
    expect(probeRequest.url).toBe('/failing/studies?probe');
    expect(upstream.held).toHaveLength(0);
    probeRequest.answer(503, '{}');
    expect((await probe).status).toBe(503);

    // The failed probe opens the circuit again for twice as long.
    const longer = await get(port, '/sites/failing/dicom-web/studies');
    expect(JSON.parse(longer.body)).toMatchObject({ siteDown: true, retryAfterSeconds: 8 });
    time += 8000;
    const secondProbe = get(port, '/sites/failing/dicom-web/studies');
    (await upstream.next()).answer(500, '{}');
    expect((await secondProbe).status).toBe(500);
    const after = get(port, '/sites/failing/dicom-web/studies');
    (await upstream.next()).answer(200);
    expect((await after).status).toBe(200);
  });

  it('counts an answer broken off mid-body as a failure, and a 500 or a 404 as an answer', async () => {
    for (const status of [500, 404, 500]) {
      const answer = get(port, '/sites/breaking/dicom-web/studies');
      (await upstream.next()).answer(status, '{}');
      expect((await answer).status).toBe(status);
    }
    for (let index = 0; index < 2; index += 1) {
      const broken = get(port, '/sites/breaking/dicom-web/frames/1').then(
        () => 'ended',
        () => 'broken',
      );
      (await upstream.next()).breakMidAnswer();
      expect(await broken).toBe('broken');
    }
    const refused = await get(port, '/sites/breaking/dicom-web/frames/1');
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error).toMatch(/^site breaking is marked down after 2 consecutive failures \((connection|aborted).*\); retrying in 5 s$/);
  });

  it('protects the identity service the same way', async () => {
    expect((await get(port, '/identity/pixm/Patient')).status).toBe(502);
    expect((await get(port, '/identity/pixm/Patient')).status).toBe(502);
    const refused = await get(port, '/identity/pixm/Patient');
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error).toBe('identity service is marked down after 2 consecutive failures (connection refused (ECONNREFUSED)); retrying in 5 s');
  });
});
