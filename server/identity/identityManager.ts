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
  markRecordDeleted,
  recordsOfPerson,
  recordsWithIns,
  refreshIdentityStatistics,
  searchRecords,
  upsertRecord,
  type RecordSearch,
  type StoredIdentityRecord,
} from '../db/identityStore.ts';
import type { Matcher } from './matcher.ts';
import { createProbabilisticMatcher } from './probabilisticMatcher.ts';
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
  merge(subsumed: RecordIdentifier, surviving: RecordIdentifier, actor: string): Promise<MergeResult | undefined>;
  /** False when no live record has this identifier. */
  remove(identifier: RecordIdentifier, actor: string): Promise<StoredIdentityRecord | undefined>;
  crossReference(source: RecordIdentifier, targetSystems: readonly string[]): Promise<CrossReference>;
  search(search: RecordSearch): Promise<StoredIdentityRecord[]>;
  read(id: string): Promise<StoredIdentityRecord | undefined>;
  /** The site whose identifier system this is, if any. */
  siteOf(system: string): string | undefined;
}

function searchNamesOf(traits: RecordTraits): { searchNames: string[]; searchGiven: string[] } {
  const forms = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null).map(searchForm).filter((form) => form !== ''))];
  return { searchNames: forms([traits.birthName, traits.usedName]), searchGiven: forms(traits.givenNames) };
}

export function createIdentityManager(options: IdentityManagerOptions): IdentityManager {
  const { db } = options;
  const matcher = options.matcher ?? createProbabilisticMatcher();
  const now = options.now ?? (() => new Date());
  const siteBySystem = new Map(options.sites.map((site) => [canonicalSystem(site.patientIdSystem), site.id]));
  const configuredSystems = new Set([...siteBySystem.keys(), ...INS_SYSTEMS]);
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

  return {
    siteOf: (system) => siteBySystem.get(canonicalSystem(system)),

    feed(identifier, traits, actor, resource = {}) {
      const at = now();
      return inIdentityTransaction(db, async (trx) => {
        const { record, created } = await upsertRecord(trx, {
          identifier,
          traits,
          ...searchNamesOf(traits),
          sourceSite: siteBySystem.get(identifier.system) ?? null,
          resource,
          at,
          actor,
        });
        const matching = await rematchRecord(trx, matcher, record.id, at, actor);
        await rematchLeft(trx, matching.leftPerson, at, actor);
        return { created, record: (await findRecordById(trx, record.id)) ?? record, matching };
      }).then(async (result) => {
        await changed();
        return result;
      });
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
      const known = new Set([...configuredSystems, ...(await knownSystems(db))]);
      if (!known.has(source.system)) return { ok: false, status: 400, code: 'code-invalid', diagnostics: 'sourceIdentifier Assigning Authority not found' };
      if (targetSystems.some((system) => !known.has(system))) return { ok: false, status: 403, code: 'code-invalid', diagnostics: 'targetSystem not found' };
      let sources: StoredIdentityRecord[];
      if (isInsSystem(source.system)) {
        sources = await recordsWithIns(db, source);
      } else {
        const record = await findRecord(db, source);
        sources = record && !record.deleted ? [record] : [];
      }
      if (sources.length === 0) return { ok: false, status: 404, code: 'not-found', diagnostics: 'sourceIdentifier Patient Identifier not found' };
      const personIds = [...new Set(sources.map((record) => record.personId).filter((id): id is string => id !== null))];
      const members = (await Promise.all(personIds.map((personId) => recordsOfPerson(db, personId)))).flat();
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

    search: (search) => searchRecords(db, search),
    async read(id) {
      const record = await findRecordById(db, id);
      return record && !record.deleted ? record : undefined;
    },
  };
}
