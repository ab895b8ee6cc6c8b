/**
 * The identity cross-reference manager as the rest of the server uses it, over HTTP (identityRoutes.ts) or
 * directly (the gateway's own look-ups): feed a record (ITI-104 conditional update), merge one into another
 * (`replaced-by`), delete one, cross-reference an identifier (ITI-83) and search demographics (ITI-78). Each feed
 * re-runs matching, one feed at a time, in the transaction that stores it.
 */
import type { AppDatabase, JsonObject } from '../db/databaseSchema.ts';
import {
  findRecord,
  findRecordById,
  inIdentityTransaction,
  knownSystems,
  liveRecords,
  markRecordDeleted,
  recordsOfPerson,
  recordsOfPersonOf,
  recordsWithIns,
  refreshIdentityStatistics,
  searchRecords,
  upsertRecord,
  type RecordSearch,
  type StoredIdentityRecord,
} from '../db/identityStore.ts';
import { latestMatcherWeights, saveMatcherWeights } from '../db/matcherWeightsStore.ts';
import { frequenciesFromJson, frequenciesToJson, weightsFromJson, weightsToJson } from './storedWeights.ts';
import type { Matcher } from './matcher.ts';
import { createProbabilisticMatcher, type ProbabilisticMatcher } from './probabilisticMatcher.ts';
import { canonicalSystem, INS_SYSTEMS, isInsSystem, searchForm, type RecordIdentifier, type RecordTraits } from './patientTraits.ts';
import { rematchRecord, type RematchResult } from './rematchRecord.ts';

export interface IdentityManagerOptions {
  db: AppDatabase;
  /** Default: the probabilistic matcher of the matching core (probabilisticMatcher.ts) with its calibrated weights. */
  matcher?: Matcher;
  /** The configured sites: their identifier systems are known domains, and name a record's source site. */
  sites: readonly { id: string; patientIdSystem: string }[];
  now?: () => Date;
}

export type FeedResult = { created: boolean; record: StoredIdentityRecord; matching: RematchResult };

export type MergeResult =
  | { ok: true; subsumed: StoredIdentityRecord; surviving: StoredIdentityRecord }
  | { ok: false; reason: 'surviving-unknown' | 'same-record' | 'other-domain' };

/** The answer to ITI-83, failures included (ITI TF-2 §3.83.4.2.3). */
export type CrossReference =
  | { ok: true; targetIdentifiers: RecordIdentifier[]; targetIds: string[]; personIds: string[] }
  | { ok: false; status: 400 | 403 | 404; code: 'code-invalid' | 'not-found'; diagnostics: string };

export interface IdentityManager {
  feed(identifier: RecordIdentifier, traits: RecordTraits, actor: string, resource?: JsonObject): Promise<FeedResult>;
  /**
   * Several feeds of one source in one transaction, in order, each matched as `feed` would (the harvest's path: one
   * lock and one commit for a page of studies, instead of one per record).
   */
  feedMany(items: readonly { identifier: RecordIdentifier; traits: RecordTraits; resource?: JsonObject }[], actor: string): Promise<FeedResult[]>;
  merge(subsumed: RecordIdentifier, surviving: RecordIdentifier, actor: string): Promise<MergeResult | undefined>;
  /** False when no live record has this identifier. */
  remove(identifier: RecordIdentifier, actor: string): Promise<StoredIdentityRecord | undefined>;
  crossReference(source: RecordIdentifier, targetSystems: readonly string[]): Promise<CrossReference>;
  search(search: RecordSearch): Promise<StoredIdentityRecord[]>;
  read(id: string): Promise<StoredIdentityRecord | undefined>;
  /** The site whose identifier system this is, if any. */
  siteOf(system: string): string | undefined;
  /** The matcher feeds run; the identity review re-matches with it after a decision. */
  readonly matcher: Matcher;
  /**
   * Re-estimates the matcher's weights by EM from every stored record (a probabilistic matcher only; later feeds use
   * them, records already matched are not re-matched) and stores them (migration 0005): where the weights come from
   * afterwards, and over how many records. Undefined for a matcher that learns nothing.
   */
  learnWeights(): Promise<LearntWeights | undefined>;
  /**
   * Takes the weights last learnt and stored (by this server before a restart, or another instance), before the
   * first feed: the server calls it once at start. Undefined when none are stored, they cannot be read, or the
   * matcher learns nothing; the matcher's own (calibrated) weights stay then.
   */
  loadWeights(): Promise<LearntWeights | undefined>;
  /** Where the current weights come from: undefined while they are the matcher's own (never learnt nor loaded). */
  weightsOrigin(): LearntWeights | undefined;
}

/** Where the matcher's weights come from: EM or the calibrated fallback, when, and over how many records. */
export interface LearntWeights {
  source: 'em' | 'calibrated';
  records: number;
  learntAt: Date;
}

function searchNamesOf(traits: RecordTraits): { searchNames: string[]; searchGiven: string[] } {
  const forms = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null).map(searchForm).filter((form) => form !== ''))];
  return { searchNames: forms([traits.birthName, traits.usedName]), searchGiven: forms(traits.givenNames) };
}

export function createIdentityManager(options: IdentityManagerOptions): IdentityManager {
  const { db } = options;
  let matcher: Matcher | ProbabilisticMatcher = options.matcher ?? createProbabilisticMatcher();
  let origin: LearntWeights | undefined;
  const now = options.now ?? (() => new Date());
  const siteBySystem = new Map(options.sites.map((site) => [canonicalSystem(site.patientIdSystem), site.id]));
  const configuredSystems = new Set([...siteBySystem.keys(), ...INS_SYSTEMS]);
  /** The configured systems and those of the records (and their INS) this manager has seen. */
  const heldSystems = new Set(configuredSystems);
  // The planner's statistics, refreshed as the records grow (after 100 changes, then each time their number doubles,
  // and every 5,000), so that matching stays index look-ups (refreshIdentityStatistics).
  let changes = 0;
  let nextRefresh = 100;
  const changed = async () => {
    changes++;
    if (changes < nextRefresh) return;
    nextRefresh = Math.min(changes * 2, changes + 5000);
    await refreshIdentityStatistics(db);
  };

  /** After a record left a person, the records that stayed are matched again: they may have been there for it. */
  const rematchLeft = async (trx: AppDatabase, personId: string | undefined, at: Date, actor: string) => {
    if (personId === undefined) return;
    for (const member of await recordsOfPerson(trx, personId)) await rematchRecord(trx, matcher, member.id, at, actor);
  };

  /** One feed inside the caller's transaction: store the record, then match it. */
  const feedOne = async (trx: AppDatabase, item: { identifier: RecordIdentifier; traits: RecordTraits; resource: JsonObject }, actor: string, at: Date): Promise<FeedResult> => {
    const { record, created } = await upsertRecord(trx, {
      identifier: item.identifier,
      traits: item.traits,
      ...searchNamesOf(item.traits),
      sourceSite: siteBySystem.get(item.identifier.system) ?? null,
      resource: item.resource,
      at,
      actor,
    });
    heldSystems.add(item.identifier.system);
    if (item.traits.ins) heldSystems.add(item.traits.ins.system);
    const matching = await rematchRecord(trx, matcher, record.id, at, actor);
    await rematchLeft(trx, matching.leftPerson, at, actor);
    return { created, record: (await findRecordById(trx, record.id)) ?? record, matching };
  };

  return {
    // A getter: learnWeights replaces the matcher, and the review must re-match with the current one.
    get matcher() {
      return matcher;
    },
    siteOf: (system) => siteBySystem.get(canonicalSystem(system)),

    feed(identifier, traits, actor, resource = {}) {
      const at = now();
      return inIdentityTransaction(db, (trx) => feedOne(trx, { identifier, traits, resource }, actor, at)).then(async (result) => {
        await changed();
        return result;
      });
    },

    async feedMany(items, actor) {
      const at = now();
      const results = await inIdentityTransaction(db, async (trx) => {
        const out: FeedResult[] = [];
        for (const item of items) out.push(await feedOne(trx, { resource: {}, ...item }, actor, at));
        return out;
      });
      for (let i = 0; i < results.length; i++) await changed();
      return results;
    },

    merge(subsumedIdentifier, survivingIdentifier, actor) {
      const at = now();
      return inIdentityTransaction(db, async (trx): Promise<MergeResult | undefined> => {
        if (subsumedIdentifier.system !== survivingIdentifier.system) return { ok: false, reason: 'other-domain' };
        const subsumed = await findRecord(trx, subsumedIdentifier);
        if (!subsumed || subsumed.deleted) return undefined;
        const surviving = await findRecord(trx, survivingIdentifier);
        if (!surviving || surviving.deleted) return { ok: false, reason: 'surviving-unknown' };
        if (surviving.id === subsumed.id) return { ok: false, reason: 'same-record' };
        await markRecordDeleted(trx, subsumed.id, { at, actor, replacedBy: surviving.id });
        await rematchLeft(trx, subsumed.personId ?? undefined, at, actor);
        await rematchRecord(trx, matcher, surviving.id, at, actor);
        return { ok: true, subsumed: (await findRecordById(trx, subsumed.id)) ?? subsumed, surviving: (await findRecordById(trx, surviving.id)) ?? surviving };
      });
    },

    remove(identifier, actor) {
      const at = now();
      return inIdentityTransaction(db, async (trx) => {
        const record = await findRecord(trx, identifier);
        if (!record || record.deleted) return undefined;
        await markRecordDeleted(trx, record.id, { at, actor });
        await rematchLeft(trx, record.personId ?? undefined, at, actor);
        return (await findRecordById(trx, record.id)) ?? record;
      });
    },

    async crossReference(source, targetSystems) {
      // The systems held are read from the database only when a system is not known yet (another instance may have
      // fed it): a look-up is then two index reads, never a scan of every record.
      if (![source.system, ...targetSystems].every((system) => heldSystems.has(system))) {
        for (const system of await knownSystems(db)) heldSystems.add(system);
      }
      const known = heldSystems;
      if (!known.has(source.system)) return { ok: false, status: 400, code: 'code-invalid', diagnostics: 'sourceIdentifier Assigning Authority not found' };
      if (targetSystems.some((system) => !known.has(system))) return { ok: false, status: 403, code: 'code-invalid', diagnostics: 'targetSystem not found' };
      let personIds: string[];
      let members: StoredIdentityRecord[];
      if (isInsSystem(source.system)) {
        const sources = await recordsWithIns(db, source);
        personIds = [...new Set(sources.map((record) => record.personId).filter((id): id is string => id !== null))];
        members = (await Promise.all(personIds.map((personId) => recordsOfPerson(db, personId)))).flat();
      } else {
        // One round trip: the source's person and its records together.
        members = await recordsOfPersonOf(db, source);
        personIds = [...new Set(members.map((record) => record.personId).filter((id): id is string => id !== null))];
      }
      if (members.length === 0) return { ok: false, status: 404, code: 'not-found', diagnostics: 'sourceIdentifier Patient Identifier not found' };
      const identifiers = new Map<string, RecordIdentifier>();
      const targetIds: string[] = [];
      const wanted = (system: string) => system !== source.system && (targetSystems.length === 0 || targetSystems.includes(system));
      // The sites' identifiers first, then the INS the person's records carry.
      for (const member of members) {
        if (!wanted(member.identifier.system)) continue;
        identifiers.set(`${member.identifier.system}|${member.identifier.value}`, member.identifier);
        targetIds.push(member.id);
      }
      for (const ins of members.map((member) => member.traits.ins)) {
        if (ins && wanted(ins.system)) identifiers.set(`${ins.system}|${ins.value}`, ins);
      }
      return { ok: true, targetIdentifiers: [...identifiers.values()], targetIds, personIds };
    },

    async learnWeights() {
      if (!('learn' in matcher)) return undefined;
      const records = await liveRecords(db);
      const learnt = matcher.learn(records.map((record) => ({ id: record.id, identifier: record.identifier, sourceSite: record.sourceSite, traits: record.traits })));
      matcher = learnt;
      const learntAt = now();
      await saveMatcherWeights(db, {
        matcher: learnt.name,
        learntAt,
        source: learnt.weights.source,
        recordCount: records.length,
        weights: weightsToJson(learnt.weights),
        nameFrequencies: frequenciesToJson(learnt.frequencies),
      });
      origin = { source: learnt.weights.source, records: records.length, learntAt };
      return origin;
    },

    async loadWeights() {
      if (!('withWeights' in matcher)) return undefined;
      const stored = await latestMatcherWeights(db, matcher.name);
      if (!stored) return undefined;
      const read = weightsFromJson(stored.weights);
      if (!read.ok) return undefined;
      matcher = matcher.withWeights(read.weights, frequenciesFromJson(stored.nameFrequencies));
      origin = { source: read.weights.source, records: stored.recordCount, learntAt: stored.learntAt };
      return origin;
    },
    weightsOrigin: () => origin,

    search: (search) => searchRecords(db, search),
    async read(id) {
      const record = await findRecordById(db, id);
      return record && !record.deleted ? record : undefined;
    },
  };
}
