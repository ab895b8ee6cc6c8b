/**
 * The identity cross-reference manager as the rest of the server uses it, over HTTP (identityRoutes.ts) or
 * directly (the gateway's own look-ups): feed a record (ITI-104 conditional update), merge one into another
 * (`replaced-by`), delete one, cross-reference an identifier (ITI-83) and search demographics (ITI-78).
 *
 * Each feed is matched in the transaction that stores it, under the manager's lock: records new to the manager a run
 * at a time (feedNewRecords.ts), a record it holds already one by one (rematchRecord.ts). ITI-104 feeds that arrive
 * together share a transaction; a harvest page is one. ITI-83 answers from the in-memory cross-reference table
 * (crossReferenceIndex.ts), brought up to date before each look-up.
 */
import type { AppDatabase, JsonObject } from '../db/databaseSchema.ts';
import {
  findRecord,
  findRecordById,
  inIdentityTransaction,
  liveRecords,
  markRecordDeleted,
  recordsOfPerson,
  refreshIdentityStatistics,
  searchRecords,
  upsertRecord,
  type RecordSearch,
  type StoredIdentityRecord,
} from '../db/identityStore.ts';
import { heldIdentifiers } from '../db/identityBulkStore.ts';
import { createCrossReferenceIndex } from './crossReferenceIndex.ts';
import { feedNewRecords } from './feedNewRecords.ts';
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

/** At most this many ITI-104 feeds share a transaction. */
const MAX_GROUP = 200;

interface QueuedFeed {
  identifier: RecordIdentifier;
  traits: RecordTraits;
  resource: JsonObject;
  actor: string;
  at: Date;
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
  /** Reads the cross-reference table now (the gateway does at start), so that the first look-ups do not wait for it. */
  warm(): Promise<void>;
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
  const index = createCrossReferenceIndex(db);
  // The planner's statistics, refreshed as the records grow (after 100 changes, then each time their number doubles,
  // and every 5,000), so that matching stays index look-ups (refreshIdentityStatistics).
  let changes = 0;
  let nextRefresh = 100;
  const changed = async (count = 1) => {
    changes += count;
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
    const matching = await rematchRecord(trx, matcher, record.id, at, actor);
    await rematchLeft(trx, matching.leftPerson, at, actor);
    return { created, record: (await findRecordById(trx, record.id)) ?? record, matching };
  };

  /**
   * Feeds in order inside one transaction: runs of records new to the manager go through feedNewRecords (a few
   * statements a run), a record it already holds (an update, or one named twice) through feedOne.
   */
  const feedInOrder = async (trx: AppDatabase, items: readonly QueuedFeed[]): Promise<FeedResult[]> => {
    const held = await heldIdentifiers(trx, items.map((item) => item.identifier));
    const results: FeedResult[] = [];
    let run: QueuedFeed[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      const fed = await feedNewRecords(
        trx,
        matcher,
        run.map((item) => ({
          identifier: item.identifier,
          traits: item.traits,
          ...searchNamesOf(item.traits),
          sourceSite: siteBySystem.get(item.identifier.system) ?? null,
          resource: item.resource,
          at: item.at,
          actor: item.actor,
        })),
      );
      for (const result of fed) results.push({ created: true, ...result });
      run = [];
    };
    for (const item of items) {
      const key = `${item.identifier.system}|${item.identifier.value}`;
      if (!held.has(key)) {
        held.add(key);
        run.push(item);
        continue;
      }
      await flush();
      results.push(await feedOne(trx, item, item.actor, item.at));
    }
    await flush();
    return results;
  };

  /**
   * ITI-104 feeds arriving while a transaction is under way wait for it, then go together in the next one (group
   * commit): one lock and one commit for all of them. Should that transaction fail, each is fed again on its own,
   * so that one bad feed fails alone.
   */
  const waiting: { item: QueuedFeed; resolve: (result: FeedResult) => void; reject: (error: unknown) => void }[] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    try {
      while (waiting.length > 0) {
        const group = waiting.splice(0, MAX_GROUP);
        try {
          const results = await inIdentityTransaction(db, (trx) => feedInOrder(trx, group.map((entry) => entry.item)));
          group.forEach((entry, index) => entry.resolve(results[index] as FeedResult));
        } catch (error) {
          if (group.length === 1) {
            group[0]!.reject(error);
            continue;
          }
          for (const entry of group) {
            await inIdentityTransaction(db, (trx) => feedOne(trx, entry.item, entry.item.actor, entry.item.at)).then(entry.resolve, entry.reject);
          }
        }
        await changed(group.length).catch(() => undefined);
      }
    } finally {
      draining = false;
    }
  };

  return {
    // A getter: learnWeights replaces the matcher, and the review must re-match with the current one.
    get matcher() {
      return matcher;
    },
    siteOf: (system) => siteBySystem.get(canonicalSystem(system)),

    feed(identifier, traits, actor, resource = {}) {
      return new Promise<FeedResult>((resolve, reject) => {
        waiting.push({ item: { identifier, traits, resource, actor, at: now() }, resolve, reject });
        if (!draining) void drain();
      });
    },

    async feedMany(items, actor) {
      const at = now();
      const results = await inIdentityTransaction(db, (trx) => feedInOrder(trx, items.map((item) => ({ resource: {}, ...item, actor, at }))));
      await changed(results.length);
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
      // From the in-memory table, brought up to date first (crossReferenceIndex.ts): no read of persons per look-up.
      const table = await index.current();
      const known = (system: string) => configuredSystems.has(system) || table.systems.has(system);
      if (!known(source.system)) return { ok: false, status: 400, code: 'code-invalid', diagnostics: 'sourceIdentifier Assigning Authority not found' };
      if (targetSystems.some((system) => !known(system))) return { ok: false, status: 403, code: 'code-invalid', diagnostics: 'targetSystem not found' };
      let personIds: string[];
      if (isInsSystem(source.system)) {
        personIds = [...new Set(table.withIns(source).map((record) => record.personId).filter((id): id is string => id !== null))];
      } else {
        const personId = table.recordOf(source)?.personId;
        personIds = personId ? [personId] : [];
      }
      const members = personIds.flatMap((personId) => table.membersOf(personId));
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
      for (const ins of members.map((member) => member.ins)) {
        if (ins && wanted(ins.system)) identifiers.set(`${ins.system}|${ins.value}`, ins);
      }
      return { ok: true, targetIdentifiers: [...identifiers.values()], targetIds, personIds };
    },

    async warm() {
      await index.current();
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
