/**
 * The learnt weights survive a restart, against a real PostgreSQL server (as an ordinary role) and the embedded
 * PGlite: `learnWeights` stores the latest estimate (one row, replaced by the next), and a new manager on the same
 * database takes it with `loadWeights` before its first feed; a row it cannot read leaves the calibrated weights.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../scripts/testbed/testDatabase.ts';
import { createIdentityManager } from '../identity/identityManager.ts';
import { calibratedWeights, type MatchWeights } from '../identity/matching/fellegiSunter.ts';
import { weightsToJson } from '../identity/storedWeights.ts';
import type { ProbabilisticMatcher } from '../identity/probabilisticMatcher.ts';
import type { DatabaseTarget } from './databaseTarget.ts';
import { latestMatcherWeights, saveMatcherWeights } from './matcherWeightsStore.ts';
import { openDatabase, type OpenDatabase } from './openDatabase.ts';

const CHU = 'urn:oid:1.2.250.1.999.1.1';
const CGFL = 'urn:oid:1.2.250.1.999.2.1';
const sites = [
  { id: 'chu', patientIdSystem: CHU },
  { id: 'cgfl', patientIdSystem: CGFL },
];
const learnt: MatchWeights = { ...calibratedWeights, source: 'em', matchShare: 0.27, probabilities: { ...calibratedWeights.probabilities, sex: { ...calibratedWeights.probabilities.sex, exact: { m: 0.99, u: 0.51 } } } };

function describeWeights(label: string, makeTarget: () => Promise<{ target: DatabaseTarget; cleanUp(): Promise<void> }>) {
  describe(`the matcher's learnt weights (${label})`, () => {
    let cleanUp: () => Promise<void>;
    let opened: OpenDatabase;
    beforeAll(async () => {
      let target: DatabaseTarget;
      ({ target, cleanUp } = await makeTarget());
      opened = await openDatabase(target);
    });
    afterAll(async () => {
      await opened?.close();
      await cleanUp?.();
    });

    it('has none stored at first: a new manager keeps its calibrated weights', async () => {
      const manager = createIdentityManager({ db: opened.db, sites });
      expect(await manager.loadWeights()).toBeUndefined();
      expect(manager.weightsOrigin()).toBeUndefined();
      expect((manager.matcher as ProbabilisticMatcher).weights.source).toBe('calibrated');
    });

    it('stores what learnWeights found (the calibrated fallback for a handful of records), with when and over how many records', async () => {
      const at = new Date('2026-06-01T10:00:00.000Z');
      const manager = createIdentityManager({ db: opened.db, sites, now: () => at });
      const traits = { birthName: 'MOREAU', usedName: null, givenNames: ['Anne'], birthDate: '1985-01-17', sex: 'female' as const, ins: null };
      await manager.feed({ system: CHU, value: 'A1' }, traits, 'test');
      await manager.feed({ system: CGFL, value: 'B1' }, { ...traits, givenNames: ['Anne', 'Marie'] }, 'test');
      expect(await manager.learnWeights()).toEqual({ source: 'calibrated', records: 2, learntAt: at });
      const stored = await latestMatcherWeights(opened.db, 'probabilistic');
      expect(stored).toMatchObject({ matcher: 'probabilistic', source: 'calibrated', recordCount: 2, nameFrequencies: null });
      expect(stored?.learntAt.toISOString()).toBe(at.toISOString());
      expect(stored?.weights).toEqual(weightsToJson(calibratedWeights));
    });

    it('keeps only the latest estimate, which a restarted manager takes before its first feed', async () => {
      const at = new Date('2026-06-02T08:30:00.000Z');
      await saveMatcherWeights(opened.db, { matcher: 'probabilistic', learntAt: at, source: 'em', recordCount: 20_000, weights: weightsToJson(learnt), nameFrequencies: null });
      const rows = await sql<{ count: string }>`select count(*)::text as count from identity_matcher_weights`.execute(opened.db);
      expect(rows.rows[0]?.count).toBe('1');
      const restarted = createIdentityManager({ db: opened.db, sites });
      expect(await restarted.loadWeights()).toEqual({ source: 'em', records: 20_000, learntAt: at });
      expect(restarted.weightsOrigin()).toEqual({ source: 'em', records: 20_000, learntAt: at });
      expect((restarted.matcher as ProbabilisticMatcher).weights).toEqual(learnt);
      // Its decisions say so.
      const traits = { birthName: 'MOREAU', usedName: null, givenNames: ['Anne'], birthDate: '1985-01-17', sex: 'female' as const, ins: null };
      const decision = restarted.matcher.compare({ id: '1', identifier: { system: CHU, value: 'A1' }, sourceSite: 'chu', traits }, { id: '2', identifier: { system: CGFL, value: 'B2' }, sourceSite: 'cgfl', traits });
      expect(decision.reason.weights).toBe('em');
    });

    it('leaves the calibrated weights when the stored row cannot be read', async () => {
      await saveMatcherWeights(opened.db, { matcher: 'probabilistic', learntAt: new Date(), source: 'em', recordCount: 3, weights: { source: 'em', matchShare: 2 }, nameFrequencies: null });
      const manager = createIdentityManager({ db: opened.db, sites });
      expect(await manager.loadWeights()).toBeUndefined();
      expect((manager.matcher as ProbabilisticMatcher).weights.source).toBe('calibrated');
    });
  });
}

describeWeights('PostgreSQL server, application role', async () => {
  const database: TestDatabase = await createTestDatabase(inject('postgresAdminUrl'), 'matcher_weights');
  return { target: { kind: 'server', url: database.appUrl }, cleanUp: () => database.drop() };
});

describeWeights('embedded PGlite', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-pglite-'));
  return { target: { kind: 'embedded', dataDir }, cleanUp: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
});
