/**
 * Credentials reach their own upstream and nothing else, against a real Orthanc that asks for HTTP Basic
 * authentication (its DICOMweb plugin behind the same check) and a capture server standing in for another site and
 * for the identity service: what each upstream receives, and what the browser gets back.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { validateRuntimeConfig, type RuntimeConfig } from '../../src/domain/config/runtimeConfig.ts';
import { requirePrerequisites } from '../../scripts/testbed/prerequisites.ts';
import { loadInstances, startOrthanc, type RunningOrthanc } from '../../scripts/testbed/startOrthanc.ts';
import { buildTestArchive, UID, type TestArchive } from '../demo/archive/testing/buildTestArchive.ts';
import { createGateway } from './createGateway.ts';
import { resolveUpstreamCredentials } from './upstreamCredentials.ts';

const ORTHANC_USER = 'passerelle-synth';
const ORTHANC_PASSWORD = 'orthanc-Secret-7Qx';
const CAPTURE_TOKEN = 'capture-Token-4Lm';
const PIX_PASSWORD = 'pix-Secret-9Wd';
const ENV = {
  SYNTH_ORTHANC_USER: ORTHANC_USER,
  SYNTH_ORTHANC_PASSWORD: ORTHANC_PASSWORD,
  SYNTH_WRONG_PASSWORD: 'not-the-password',
  SYNTH_CAPTURE_TOKEN: CAPTURE_TOKEN,
  SYNTH_PIX_USER: 'pix-reader',
  SYNTH_PIX_PASSWORD: PIX_PASSWORD,
};
const SECRETS = [ORTHANC_PASSWORD, CAPTURE_TOKEN, PIX_PASSWORD, Buffer.from(`${ORTHANC_USER}:${ORTHANC_PASSWORD}`).toString('base64'), Buffer.from(`pix-reader:${PIX_PASSWORD}`).toString('base64')];

interface Captured { url: string; headers: http.IncomingHttpHeaders }

/**
 * Another site's archive and the identity service in one: records what reaches it; `/dicom-web/deny` answers 401,
 * `/dicom-web/forbidden` 403.
 */
async function startCapture(captured: Captured[]) {
  const server = http.createServer((req, res) => {
    captured.push({ url: req.url ?? '', headers: req.headers });
    if (req.url?.startsWith('/dicom-web/deny')) {
      res.writeHead(401, { 'www-authenticate': 'Bearer realm="capture", error="invalid_token"', 'content-type': 'text/plain' }).end('go away');
      return;
    }
    if (req.url?.startsWith('/dicom-web/forbidden')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('not for you');
      return;
    }
    const fhir = req.url?.startsWith('/fhir/');
    res.writeHead(200, { 'content-type': fhir ? 'application/fhir+json' : 'application/dicom+json' }).end(fhir ? '{"resourceType":"Parameters"}' : '[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function gatewayConfig(orthanc: RunningOrthanc, captureUrl: string, chuCredentials: unknown): RuntimeConfig {
  const result = validateRuntimeConfig({
    sites: [
      { id: 'chu', name: 'CHU', dicomweb: orthanc.dicomweb, issuerOfPatientId: 'CHU-VDS', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1', ...(chuCredentials ? { credentials: chuCredentials } : {}) },
      {
        id: 'cgfl',
        name: 'CGFL',
        dicomweb: `${captureUrl}/dicom-web`,
        issuerOfPatientId: 'CACB',
        patientIdSystem: 'urn:oid:1.2.250.1.999.2.1',
        credentials: { type: 'bearer', tokenEnv: 'SYNTH_CAPTURE_TOKEN' },
      },
    ],
    identity: { pixm: `${captureUrl}/fhir`, credentials: { type: 'basic', usernameEnv: 'SYNTH_PIX_USER', passwordEnv: 'SYNTH_PIX_PASSWORD' } },
  });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

async function gatewayOn(config: RuntimeConfig): Promise<FastifyInstance> {
  const resolved = resolveUpstreamCredentials(config, { env: ENV, baseDir: '/' });
  if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
  return createGateway({ config, credentials: resolved.credentials });
}

/** What the browser would send: its own session cookie and an Authorization header that must never go on. */
const browserHeaders = { cookie: 'passerelle-session=browser-cookie', authorization: 'Basic YnJvd3Nlcjpicm93c2Vy' };

function expectNothingSecret(response: { headers: Record<string, unknown>; body: string }) {
  expect(response.headers['www-authenticate']).toBeUndefined();
  expect(response.headers.authorization).toBeUndefined();
  const text = `${JSON.stringify(response.headers)}\n${response.body}`;
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('credentials towards the upstreams', () => {
  let fixtures: TestArchive;
  let orthanc: RunningOrthanc;
  let workDir: string;
  let capture: Awaited<ReturnType<typeof startCapture>>;
  const captured: Captured[] = [];
  let gateway: FastifyInstance;

  beforeAll(async () => {
    const prerequisites = requirePrerequisites();
    fixtures = await buildTestArchive();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-auth-orthanc-'));
    orthanc = await startOrthanc({
      name: 'chu-auth',
      workDir,
      orthanc: prerequisites.orthanc,
      dicomwebPlugin: prerequisites.dicomwebPlugin,
      users: { [ORTHANC_USER]: ORTHANC_PASSWORD },
    });
    await loadInstances(orthanc, fixtures.files);
    capture = await startCapture(captured);
    gateway = await gatewayOn(gatewayConfig(orthanc, capture.url, { type: 'basic', usernameEnv: 'SYNTH_ORTHANC_USER', passwordEnv: 'SYNTH_ORTHANC_PASSWORD' }));
  });

  afterAll(async () => {
    await gateway?.close();
    await capture?.close();
    await orthanc?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    fixtures?.cleanup();
  });

  it('the authenticated Orthanc refuses a request without its credentials, the DICOMweb plugin included', async () => {
    const response = await fetch(`${orthanc.dicomweb}/studies`, { headers: { accept: 'application/dicom+json' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('with the credentials, QIDO and frames succeed through the gateway, and the browser sees no secret', async () => {
    const studies = await gateway.inject({ url: '/sites/chu/dicom-web/studies?PatientID=A100002', headers: { accept: 'application/dicom+json', ...browserHeaders } });
    expect(studies.statusCode).toBe(200);
    expect(studies.body).toContain(UID.studyA);
    expectNothingSecret(studies);

    const frame = await gateway.inject({
      url: `/sites/chu/dicom-web/studies/${UID.studyA}/series/${UID.seriesA1}/instances/${UID.ct1}/frames/1`,
      headers: { accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*', ...browserHeaders },
    });
    expect(frame.statusCode).toBe(200);
    const expected = fixtures.frames[UID.ct1]?.[0];
    expect(expected).toBeDefined();
    expect(frame.rawPayload.includes(expected as Buffer)).toBe(true);
    expectNothingSecret({ headers: frame.headers, body: frame.rawPayload.toString('latin1') });
  });

  it('without credentials, or with the wrong ones, the archive\'s 401 becomes a 502 naming the site, without a challenge', async () => {
    const bare = await gatewayOn(gatewayConfig(orthanc, capture.url, undefined));
    const wrong = await gatewayOn(gatewayConfig(orthanc, capture.url, { type: 'basic', usernameEnv: 'SYNTH_ORTHANC_USER', passwordEnv: 'SYNTH_WRONG_PASSWORD' }));
    try {
      const withNone = await bare.inject({ url: '/sites/chu/dicom-web/studies', headers: { accept: 'application/dicom+json', ...browserHeaders } });
      expect(withNone.statusCode).toBe(502);
      expect(withNone.json()).toMatchObject({
        error: 'the archive of site chu asks for credentials (HTTP 401) and the configuration gives none (sites[].credentials)',
        upstream: 'site chu',
        credentialsRefused: true,
      });
      expectNothingSecret(withNone);

      const withWrong = await wrong.inject({ url: `/sites/chu/dicom-web/studies/${UID.studyA}/series`, headers: { accept: 'application/dicom+json' } });
      expect(withWrong.statusCode).toBe(502);
      expect(withWrong.json()).toMatchObject({ error: "the archive of site chu refused Passerelle's credentials (HTTP 401)", upstream: 'site chu' });
      expectNothingSecret(withWrong);
    } finally {
      await bare.close();
      await wrong.close();
    }
  });

  it('each upstream gets its own credential only, and never the browser\'s Authorization or Cookie', async () => {
    captured.length = 0;
    await gateway.inject({ url: '/sites/chu/dicom-web/studies', headers: { accept: 'application/dicom+json', ...browserHeaders } });
    const site = await gateway.inject({ url: '/sites/cgfl/dicom-web/studies?PatientID=B-778899', headers: { accept: 'application/dicom+json', ...browserHeaders } });
    expect(site.statusCode).toBe(200);
    expectNothingSecret(site);
    const pix = await gateway.inject({ url: '/identity/pixm/Patient/$ihe-pix?sourceIdentifier=urn:oid:1.2.250.1.999.1.1|A100002', headers: browserHeaders });
    expect(pix.statusCode).toBe(200);
    expectNothingSecret(pix);

    expect(captured.map((request) => [request.url.split('?')[0], request.headers.authorization, request.headers.cookie])).toEqual([
      ['/dicom-web/studies', `Bearer ${CAPTURE_TOKEN}`, undefined],
      ['/fhir/Patient/$ihe-pix', `Basic ${Buffer.from(`pix-reader:${PIX_PASSWORD}`).toString('base64')}`, undefined],
    ]);
    const everything = JSON.stringify(captured);
    expect(everything).not.toContain(ORTHANC_PASSWORD);
    expect(everything).not.toContain(Buffer.from(`${ORTHANC_USER}:${ORTHANC_PASSWORD}`).toString('base64'));
    expect(everything).not.toContain('browser-cookie');
    expect(everything).not.toContain(browserHeaders.authorization);
  });

  it('a refused bearer token is not retried: it cannot change', async () => {
    captured.length = 0;
    const denied = await gateway.inject({ url: '/sites/cgfl/dicom-web/deny', headers: { accept: 'application/dicom+json' } });
    expect(denied.statusCode).toBe(502);
    expect(denied.json()).toMatchObject({ error: "the archive of site cgfl refused Passerelle's credentials (HTTP 401)", upstream: 'site cgfl' });
    expectNothingSecret(denied);
    expect(captured).toHaveLength(1);
  });

  it('a 403 says so too, but, possibly about one resource only, never marks the site down', async () => {
    for (let index = 0; index < 4; index += 1) {
      const forbidden = await gateway.inject({ url: `/sites/cgfl/dicom-web/forbidden/${index}`, headers: { accept: 'application/dicom+json' } });
      expect(forbidden.statusCode).toBe(502);
      expect(forbidden.json()).toMatchObject({ error: "the archive of site cgfl refused Passerelle's credentials (HTTP 403)", credentialsRefused: true });
    }
    expect((await gateway.inject({ url: '/sites/cgfl/dicom-web/studies', headers: { accept: 'application/dicom+json' } })).statusCode).toBe(200);
  });
});
