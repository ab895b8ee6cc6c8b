/**
 * The identity review in Chromium: a gateway of the test's own with `identity.manager` and sign-in (the demo's
 * OpenID provider, an embedded PostgreSQL), fed two records of one INS whose birth dates differ. The identity officer
 * links them from the queue, PIXm answers the link; they undo it from the person's page with a comment, PIXm answers
 * without it at once, and the person's history tells both decisions.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { FastifyInstance } from 'fastify';
import type { RuntimeConfig } from '../src/domain/config/runtimeConfig.ts';
import { startAuditTrail, type AuditTrail } from '../server/audit/startAuditTrail.ts';
import { openDatabase, type OpenDatabase } from '../server/db/openDatabase.ts';
import { demoSites } from '../server/demo/demoSites.ts';
import { demoRolesConfig } from '../server/demo/idp/demoUsers.ts';
import { feedClientToken } from '../server/demo/idp/feedClientToken.ts';
import { startDemoIdp, type RunningDemoIdp } from '../server/demo/idp/startDemoIdp.ts';
import { ensureBuilt } from '../server/ensureBuilt.ts';
import { createGateway } from '../server/gateway/createGateway.ts';
import { NO_CREDENTIALS } from '../server/gateway/upstreamCredentials.ts';
import { projectRoot } from './support/demoData.ts';
import { signInOnProviderPage } from './support/signInGateway.ts';

const CHU = demoSites[0]!.patientIdSystem;
const CGFL = demoSites[1]!.patientIdSystem;
const INS_TEST = 'urn:oid:1.2.250.1.213.1.4.10';

let idp: RunningDemoIdp;
let dataDir: string;
let opened: OpenDatabase;
let audit: AuditTrail;
let gateway: FastifyInstance;
let base: string;

async function feed(system: string, value: string, birthDate: string): Promise<void> {
  const clientId = system === CHU ? 'flux-chu' : 'flux-cgfl';
  const accessToken = await feedClientToken(idp.issuer, clientId, system);
  const fed = await fetch(`${base}/identity/fhir/Patient?identifier=${encodeURIComponent(`${system}|${value}`)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Patient',
      identifier: [{ system, value }, { system: INS_TEST, value: '190067512300011' }],
      name: [{ use: 'official', family: 'GARNIER', given: ['Louis'] }],
      gender: 'male',
      birthDate,
    }),
  });
  expect(fed.status).toBe(201);
}

async function pixTargets(page: Page, value: string): Promise<string[]> {
  const response = await page.request.get(`${base}/identity/fhir/Patient/$ihe-pix?sourceIdentifier=${encodeURIComponent(`${CHU}|${value}`)}&targetSystem=${encodeURIComponent(CGFL)}`);
  expect(response.headers()['cache-control']).toBe('no-store');
  const body = (await response.json()) as { parameter?: { name: string; valueIdentifier?: { value: string } }[] };
  return (body.parameter ?? []).filter((parameter) => parameter.name === 'targetIdentifier').map((parameter) => parameter.valueIdentifier?.value ?? '');
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await ensureBuilt(projectRoot, path.join(projectRoot, 'dist'), () => undefined);
  idp = await startDemoIdp();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-review-e2e-'));
  opened = await openDatabase({ kind: 'embedded', dataDir });
  audit = startAuditTrail(opened.db, { retentionEveryMs: null, flushMs: 10 });
  const config: RuntimeConfig = {
    sites: demoSites.map((site) => ({ id: site.id, name: site.name, dicomweb: 'http://127.0.0.1:9/dicom-web', issuerOfPatientId: site.issuerOfPatientId, patientIdSystem: site.patientIdSystem })),
    identity: { manager: {} },
    auth: { issuer: idp.issuer, clientId: 'passerelle', clientSecretEnv: 'PASSERELLE_OIDC_SECRET', roles: demoRolesConfig },
  };
  gateway = await createGateway({ config, staticDir: path.join(projectRoot, 'dist'), db: opened.db, audit, clientSecret: idp.clientSecret, credentials: NO_CREDENTIALS });
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  idp.allowGateway([base]);
  await feed(CHU, 'CHU-L1', '1990-06-03');
  await feed(CGFL, 'CG-L1', '1990-03-06');
});

test.afterAll(async () => {
  await gateway?.close();
  await audit?.close();
  await opened?.close();
  await idp?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('an identity officer links a possible match, then undoes the link: PIXm follows at once', async ({ page }) => {
  await page.goto(`${base}/identity-review`);
  await signInOnProviderPage(page, idp, 'identito');
  await expect(page.locator('[data-testid=identity-review-link]')).toBeVisible();

  const queue = page.locator('[data-testid=review-queue]');
  await expect(queue).toHaveAttribute('data-total', '1');
  const item = queue.locator('[data-testid=review-item]');
  await expect(item.locator('[data-trait=birthDate]')).toHaveAttribute('data-agreement', 'differ');
  await expect(item.locator('[data-testid=review-reason]')).toContainText('strict traits differ');

  // A link needs a comment: without one, the page asks for it and nothing is sent.
  await item.locator('[data-testid=review-decision][data-choice=link]').click();
  await expect(item.getByRole('alert')).toBeVisible();
  await item.getByLabel('Comment').fill('day and month swapped at one site');
  await item.locator('[data-testid=review-decision][data-choice=link]').click();
  await expect(queue).toHaveAttribute('data-total', '0');
  expect(await pixTargets(page, 'CHU-L1')).toEqual(['CG-L1']);

  await page.locator('[data-testid=person-search]').fill('CHU-L1');
  await page.locator('[data-testid=person-search]').press('Enter');
  await page.locator('[data-testid=person-results] a').first().click();
  const links = page.locator('[data-testid=person-links]');
  await expect(links.locator('[data-testid=person-link]')).toHaveCount(2);
  const cgfl = links.locator('[data-testid=person-link][data-origin=human]');
  await cgfl.locator('[data-testid=unlink-comment]').fill('not the same man after all');
  await cgfl.locator('[data-testid=unlink]').click();
  await expect(links.locator('[data-testid=person-link]')).toHaveCount(1);
  expect(await pixTargets(page, 'CHU-L1')).toEqual([]);

  const history = page.locator('[data-testid=person-history]');
  await expect(history.locator('tr[data-event=decision-unlink]')).toContainText('not the same man after all');
  await expect(history.locator('tr[data-event=decision-unlink]')).toContainText('identito');
});
