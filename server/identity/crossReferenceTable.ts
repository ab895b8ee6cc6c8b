/**
 * The cross-reference table that ITI-83 answers from: each live record's identifier, INS and person, in memory,
 * kept up to date by applying the record changes the database numbers (crossReferenceIndex.ts). Plain data: no I/O.
 */
import type { RecordChange } from '../db/identityStore.ts';
import type { RecordIdentifier } from './patientTraits.ts';

export interface IndexedRecord {
  id: string;
  identifier: RecordIdentifier;
  ins: RecordIdentifier | null;
  personId: string | null;
}

const keyOf = (identifier: RecordIdentifier) => `${identifier.system}|${identifier.value}`;

/** Record ids are bigserial numbers as text: shorter is smaller, then text order. */
const byRecordId = (a: IndexedRecord, b: IndexedRecord) => a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let ids = map.get(key);
  if (!ids) map.set(key, (ids = new Set()));
  ids.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) map.delete(key);
}

export class CrossReferenceTable {
  private readonly byId = new Map<string, IndexedRecord>();
  private readonly byIdentifier = new Map<string, string>();
  private readonly byPerson = new Map<string, Set<string>>();
  private readonly byIns = new Map<string, Set<string>>();
  /** Every identifier system a record, live or not, or its INS was ever fed in (what ITI-83 calls known domains). */
  readonly systems = new Set<string>();

  get size(): number {
    return this.byId.size;
  }

  /** A record's latest state: it replaces what the table held of it; a deleted record leaves the table. */
  apply(change: RecordChange): void {
    this.systems.add(change.identifier.system);
    if (change.ins) this.systems.add(change.ins.system);
    const before = this.byId.get(change.id);
    if (before) {
      this.byId.delete(before.id);
      if (this.byIdentifier.get(keyOf(before.identifier)) === before.id) this.byIdentifier.delete(keyOf(before.identifier));
      if (before.personId !== null) removeFrom(this.byPerson, before.personId, before.id);
      if (before.ins) removeFrom(this.byIns, keyOf(before.ins), before.id);
    }
    if (change.deleted) return;
    const record: IndexedRecord = { id: change.id, identifier: change.identifier, ins: change.ins, personId: change.personId };
    this.byId.set(record.id, record);
    this.byIdentifier.set(keyOf(record.identifier), record.id);
    if (record.personId !== null) addTo(this.byPerson, record.personId, record.id);
    if (record.ins) addTo(this.byIns, keyOf(record.ins), record.id);
  }

  /** The live record of this identifier. */
  recordOf(identifier: RecordIdentifier): IndexedRecord | undefined {
    const id = this.byIdentifier.get(keyOf(identifier));
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** The live records of a person, oldest first. */
  membersOf(personId: string): IndexedRecord[] {
    return this.recordsOf(this.byPerson.get(personId));
  }

  /** The live records carrying this INS, oldest first. */
  withIns(ins: RecordIdentifier): IndexedRecord[] {
    return this.recordsOf(this.byIns.get(keyOf(ins)));
  }

  private recordsOf(ids: Set<string> | undefined): IndexedRecord[] {
    if (!ids) return [];
    return [...ids].map((id) => this.byId.get(id)).filter((record): record is IndexedRecord => record !== undefined).sort(byRecordId);
  }
}
