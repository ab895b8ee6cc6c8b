/**
 * The demo's identity cases, learnt by feeding: the identity manager links exactly the demo's persons (DURAND under
 * two IDs, the INS patient under her birth and married names), never the twins, the two 300042 or the possible
 * match; the probabilistic matcher puts the possible match in review.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';
import { createIdentityManager, type IdentityManager } from '../identity/identityManager.ts';
import { matchRecords } from '../identity/matching/matchRecords.ts';
import { isInsSystem, type PatientRecord } from '../identity/matching/patientRecord.ts';
import { demoIdentityFeeds, demoPatientResource, feedDemoIdentities } from './demoIdentityFeed.ts';
import { demoPersonLinks } from './testing/demoPersonLinks.ts';
import { demoSite, demoSites } from './demoSites.ts';
import { demoInsSystem } from './generate/demoCatalog.ts';
import { readFedPatient } from '../identity/patientResource.ts';

const chu = demoSite('chu').patientIdSystem;
const cgfl = demoSite('cgfl').patientIdSystem;

describe('the demo patients as the sites feed them', () => {
  it('gives each site record its traits: birth and used names, the first given name, the INS', () => {
    const feeds = demoIdentityFeeds();
    const byId = (value: string) => feeds.find((feed) => feed.identifier.value === value);
    expect(byId('B-812345')).toMatchObject({
      feedingClient: 'flux-cgfl',
      identifier: { system: cgfl, value: 'B-812345' },
      traits: { birthName: 'ROUX', usedName: 'GIRARD', givenNames: ['SOPHIE', 'ANNE'], birthDate: '1976-09-05', sex: 'female', ins: { system: demoInsSystem, value: '276099913407825' } },
    });
    expect(byId('A100005')?.traits).toMatchObject({ birthName: 'ROUX', usedName: null, ins: { value: '276099913407825' } });
    expect(byId('A100001')?.traits.givenNames).toEqual(['MARIE-CLAIRE']);
    expect(byId('A100006')?.traits).toMatchObject({ birthName: 'PETIT', givenNames: ['LUCAS'], birthDate: '2015-06-14', ins: null });
    expect(new Set(feeds.map((feed) => `${feed.identifier.system}|${feed.identifier.value}`)).size).toBe(feeds.length);
  });

  it('sends each as the FHIR Patient the identity feed reads back to the same traits', () => {
    for (const feed of demoIdentityFeeds()) {
      const read = readFedPatient(demoPatientResource(feed), feed.identifier);
      expect(read).toEqual({ ok: true, traits: feed.traits });
    }
  });

  it('puts the possible match in review under the probabilistic matcher, links the INS patients and never the twins', () => {
    const sex = { female: 'F', male: 'M', other: 'O', unknown: 'U' } as const;
    const records: PatientRecord[] = demoIdentityFeeds().map(({ identifier, traits }) => ({
      system: identifier.system,
      value: identifier.value,
      ...(traits.ins && isInsSystem(traits.ins.system) ? { ins: { system: traits.ins.system, value: traits.ins.value, status: 'qualified' as const } } : {}),
      ...(traits.birthName !== null ? { birthFamilyName: traits.birthName } : {}),
      ...(traits.usedName !== null ? { usedFamilyName: traits.usedName } : {}),
      givenNames: traits.givenNames,
      ...(traits.birthDate !== null ? { birthDate: traits.birthDate } : {}),
      sex: sex[traits.sex ?? 'unknown'],
    }));
    const decided = matchRecords({ records }).decisions.map((decision) => [decision.a, decision.b, decision.outcome].join(' '));
    expect(decided.sort()).toEqual([
      `${chu}|A100001 ${cgfl}|B-778899 link`,
      `${chu}|A100005 ${cgfl}|B-812345 link`,
      `${chu}|A100008 ${cgfl}|B-790312 review`,
    ]);
  });
});

describe('the demo identity manager, fed at start (embedded PGlite)', () => {
  let dataDir: string;
  let handle: OpenDatabase;
  let manager: IdentityManager;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-demo-identity-'));
    handle = await openDatabase({ kind: 'embedded', dataDir });
    manager = createIdentityManager({ db: handle.db, sites: demoSites.map((site) => ({ id: site.id, patientIdSystem: site.patientIdSystem })) });
    await feedDemoIdentities(manager);
    // A second start feeds the same records again: nothing changes.
    await feedDemoIdentities(manager);
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('links exactly the persons of the demo, as the stand-alone PIXm table says them', async () => {
    for (const link of await demoPersonLinks(manager)) expect(link.answered, link.label).toEqual(link.expected);
  });

  it('answers an INS with every site identifier of that person', async () => {
    const answer = await manager.crossReference({ system: demoInsSystem, value: '276099913407825' }, []);
    expect(answer.ok && answer.targetIdentifiers.map((target) => `${target.system}|${target.value}`).sort()).toEqual([`${chu}|A100005`, `${cgfl}|B-812345`]);
  });
});
