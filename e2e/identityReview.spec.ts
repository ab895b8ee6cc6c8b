/**
 * The identity review in Chromium: a gateway of the test's own with `identity.manager` and sign-in (the demo's
 * OpenID provider, an embedded PostgreSQL), fed two records of one INS whose birth dates differ. The identity officer
 * links them from the queue, PIXm answers the link; they undo it from the person's page with a comment, PIXm answers
 * without it at once, and the person's history tells both decisions.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoSites } from '../server/demo/demoSites.ts';
import { feedClientToken } from '../server/demo/idp/feedClientToken.ts';
import type { RunningDemoIdp } from '../server/demo/idp/startDemoIdp.ts';
import { NO_CREDENTIALS } from '../server/gateway/upstreamCredentials.ts';
import { startOwnIdentityGateway, type OwnIdentityGateway } from './support/ownIdentityGateway.ts';
import { signInOnProviderPage } from './support/signInGateway.ts';

const CHU = demoSites[0]!.patientIdSystem;
const CGFL = demoSites[1]!.patientIdSystem;
const INS_TEST = 'urn:oid:1.2.250.1.213.1.4.10';

let own: OwnIdentityGateway;
let idp: RunningDemoIdp;
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
  own = await startOwnIdentityGateway({
    sites: demoSites.map((site) => ({ id: site.id, name: site.name, dicomweb: 'http://127.0.0.1:9/dicom-web', issuerOfPatientId: site.issuerOfPatientId, patientIdSystem: site.patientIdSystem })),
    manager: {},
    credentials: NO_CREDENTIALS,
  });
  idp = own.idp;
  base = own.base;
  await feed(CHU, 'CHU-L1', '1990-06-03');
  await feed(CGFL, 'CG-L1', '1990-03-06');
});

test.afterAll(async () => {
  await own?.close();
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
