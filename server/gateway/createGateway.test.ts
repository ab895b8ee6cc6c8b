import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createGateway } from './createGateway.ts';

interface Seen { url: string; headers: http.IncomingHttpHeaders }

/** A stand-in upstream: records what reaches it and answers per path. */
function startUpstream(seen: Seen[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url?.startsWith('/dicom-web/slow')) return; // never answers
    if (req.url?.startsWith('/dicom-web/stream')) {
      // 40 chunks of 1 MiB, 25 ms apart: the gateway must pass the first ones on before the last is sent.
      res.writeHead(200, { 'content-type': 'multipart/related; type="application/octet-stream"; boundary=b' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(Buffer.alloc(1 << 20, sent));
        sent += 1;
        if (sent === 40) {
          clearInterval(timer);
          res.end();
        }
      }, 25);
      req.on('close', () => clearInterval(timer));
      return;
    }
    if (req.url?.startsWith('/fhir/')) {
      res.writeHead(200, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'Parameters', path: req.url }));
      return;
    }
    res.writeHead(req.headers.range ? 206 : 200, {
      'content-type': 'application/dicom+json',
      warning: '299 upstream "There are additional results that match the query."',
      'set-cookie': 'upstream=secret',
      'x-powered-by': 'archive',
    });
    res.end(JSON.stringify([{ url: req.url }]));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function rawGet(port: number, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('gateway', () => {
  const seen: Seen[] = [];
  let upstream: http.Server;
  let gateway: FastifyInstance;
  let port: number;
  let staticDir: string;

  beforeAll(async () => {
    upstream = await startUpstream(seen);
    const upstreamPort = (upstream.address() as AddressInfo).port;
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Passerelle</title>');
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    gateway = await createGateway({
      staticDir,
      config: {
        sites: [
          {
            id: 'chu',
            name: 'CHU',
            dicomweb: `http://127.0.0.1:${upstreamPort}/dicom-web`,
            issuerOfPatientId: 'CHU',
            patientIdSystem: 'urn:oid:1.2.3',
            timeoutMs: 400,
          },
          { id: 'down', name: 'Down', dicomweb: 'http://127.0.0.1:9/dicom-web', issuerOfPatientId: 'D', patientIdSystem: 'urn:oid:9' },
        ],
        identity: { pixm: `http://127.0.0.1:${upstreamPort}/fhir` },
      },
    });
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    port = (gateway.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await gateway.close();
    await new Promise((resolve) => upstream.close(resolve));
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('proxies a site, forwarding Accept and Range, passing Warning, adding no-store', async () => {
    const answer = await rawGet(port, '/sites/chu/dicom-web/studies?PatientID=A1&limit=2', {
      accept: 'application/dicom+json',
      range: 'bytes=0-9',
      cookie: 'session=browser',
      authorization: 'Bearer browser-token',
    });
    expect(answer.status).toBe(206);
    expect(JSON.parse(answer.body)).toEqual([{ url: '/dicom-web/studies?PatientID=A1&limit=2' }]);
    const reached = seen.at(-1);
    expect(reached?.headers.accept).toBe('application/dicom+json');
    expect(reached?.headers.range).toBe('bytes=0-9');
    expect(reached?.headers.cookie).toBeUndefined();
    expect(reached?.headers.authorization).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.warning).toContain('299');
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['x-powered-by']).toBeUndefined();
  });

  it('streams a large multipart answer instead of buffering it', async () => {
    const started = Date.now();
    const firstByteAt = await new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/sites/chu/dicom-web/stream' }, (res) => {
        res.once('data', () => {
          resolve(Date.now() - started);
          res.destroy();
        });
      });
      req.on('error', reject);
    });
    // The whole body takes 40 × 25 ms = 1 s upstream; the first chunk must arrive long before.
    expect(firstByteAt).toBeLessThan(500);
  });

  it('proxies the identity service', async () => {
    const answer = await rawGet(port, '/identity/pixm/Patient/$ihe-pix?sourceIdentifier=urn:oid:1.2.3%7CA1');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).path).toBe('/fhir/Patient/$ihe-pix?sourceIdentifier=urn:oid:1.2.3%7CA1');
  });

  it('answers 404 for an unknown site and proxies nowhere', async () => {
    const before = seen.length;
    const answer = await rawGet(port, '/sites/nowhere/dicom-web/studies');
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('unknown site');
    expect(seen.length).toBe(before);
  });

  it.each([
    '/sites/chu/dicom-web/../../../etc/passwd',
    '/sites/chu/dicom-web/studies/%2e%2e/%2e%2e/admin',
    '/sites/chu/dicom-web/studies%2F..%2F..%2Fadmin',
    '/sites/chu/dicom-web//evil.example/studies',
    '/sites/chu/dicom-web/http://evil.example/studies',
    '/sites/chu/../identity/pixm/Patient',
    '/sites/%2e%2e/dicom-web/studies',
  ])('refuses the path trick %s', async (rawPath) => {
    const before = seen.length;
    const answer = await rawGet(port, rawPath);
    expect([400, 404]).toContain(answer.status);
    expect(seen.length).toBe(before);
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('cuts a hung site off at its timeout with 504', async () => {
    const started = Date.now();
    const answer = await rawGet(port, '/sites/chu/dicom-web/slow');
    expect(answer.status).toBe(504);
    expect(answer.body).toContain('did not answer within 400 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 502 with the reason when an archive is down', async () => {
    const answer = await rawGet(port, '/sites/down/dicom-web/studies');
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({ error: 'site down is unreachable (ECONNREFUSED)', upstream: 'site down' });
  });

  it('refuses methods other than GET and HEAD', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/sites/chu/dicom-web/studies`, { method: 'POST', body: 'x' });
    expect(answer.status).toBe(405);
  });

  it('gives the browser a config without upstream URLs', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/config.json`);
    const text = await answer.text();
    expect(text).not.toContain('127.0.0.1');
    expect(JSON.parse(text).sites.map((site: { dicomweb: string }) => site.dicomweb)).toEqual(['/sites/chu/dicom-web', '/sites/down/dicom-web']);
    expect(JSON.parse(text).identity).toEqual({ pixm: '/identity/pixm' });
  });

  it('serves the app with SPA fallback and security headers on every response', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/viewer/chu/1.2.840.113619.2.55`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Passerelle</title>');
    const asset = await fetch(`http://127.0.0.1:${port}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missingAsset = await fetch(`http://127.0.0.1:${port}/assets/missing.js`, { headers: { accept: 'text/html' } });
    expect(missingAsset.status).toBe(404);
    for (const response of [page, asset, missingAsset]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
