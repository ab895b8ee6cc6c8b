/**
 * Persons from links: records joined by human links first, then by the matcher's links from the highest score down,
 * each merge checked so that a person never holds
 * - two records of one site, unless a human linked them (a site's identifiers are distinct patients to that site);
 * - two records with different INS values in one system;
 * - two records a human said are not the same person, or left for later;
 * - two records that look like twins (same family name and birth date, another first given name), whatever their
 *   score.
 * Two records joined through a third need not match each other on their own: a woman under her birth name at one
 * site, under her married name at another, is joined by a third site that holds both names.
 * A link that would break one of these becomes a review (`cluster-conflict`). Before that, a record with automatic
 * links to two records of one other site (two different persons there) sends all of them to review (`double-link`):
 * a record is never automatically linked to two people.
 */
import { compareRecords } from './compareRecords.ts';
import { looksLikeTwins } from './decidePair.ts';
import type { HumanDecision } from './humanDecision.ts';
import { pairKey, type PairDecision } from './pairDecision.ts';
import type { PatientRecord, RecordId } from './patientRecord.ts';

export interface Person {
  /** The smallest of its records' ids: stable while its records stay. */
  id: RecordId;
  records: RecordId[];
}

export interface ClusterInput {
  records: ReadonlyMap<RecordId, PatientRecord>;
  /** Every pair with a link or review outcome (human decisions already applied), in any order. */
  decisions: PairDecision[];
  humanDecisions: ReadonlyMap<string, HumanDecision>;
  /** The matcher's decision on any pair, compared on demand (pairs inside a cluster that were not candidates). */
  evaluate: (a: RecordId, b: RecordId) => PairDecision;
}

class UnionFind {
  private parent = new Map<RecordId, RecordId>();
  readonly members = new Map<RecordId, RecordId[]>();
  find(id: RecordId): RecordId {
    let root = id;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as RecordId;
    return root;
  }
  membersOf(id: RecordId): RecordId[] {
    const root = this.find(id);
    return this.members.get(root) ?? [root];
  }
  union(a: RecordId, b: RecordId): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const merged = [...this.membersOf(ra), ...this.membersOf(rb)];
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(child, root);
    this.parent.set(root, root);
    this.members.set(root, merged);
    this.members.delete(child);
  }
}

function conflictBetween(x: RecordId, y: RecordId, input: ClusterInput): string | undefined {
  const human = input.humanDecisions.get(pairKey(x, y));
  if (human?.choice === 'link') return undefined;
  if (human) return `${x} and ${y}: a human decided "${human.choice}"`;
  const rx = input.records.get(x);
  const ry = input.records.get(y);
  if (rx && ry && rx.system === ry.system) return `${x} and ${y} are two records of one site`;
  const own = input.evaluate(x, y);
  const ins = own.reasons.find((reason) => reason.rule === 'different-ins' || reason.rule === 'ins-traits-disagree');
  if (ins) return `${x} and ${y}: ${ins.text}`;
  if (rx && ry && looksLikeTwins(compareRecords(rx, ry))) return `${x} and ${y}, possible twins`;
  return undefined;
}

/** Groups records into persons and returns the decisions with conflicting links turned into reviews. */
export function clusterPersons(input: ClusterInput): { persons: Person[]; decisions: PairDecision[] } {
  const sets = new UnionFind();
  const decisions = input.decisions.map((decision) => ({ ...decision, reasons: [...decision.reasons] }));
  for (const decision of decisions) {
    if (decision.outcome === 'link' && decision.decidedBy === 'human') sets.union(decision.a, decision.b);
  }

  const automatic = decisions.filter((decision) => decision.outcome === 'link' && decision.decidedBy === 'matcher');
  const bySiteOfOther = new Map<string, { other: RecordId; decision: PairDecision }[]>();
  for (const decision of automatic) {
    for (const [self, other] of [[decision.a, decision.b], [decision.b, decision.a]] as const) {
      const key = `${self}\u0000${input.records.get(other)?.system ?? ''}`;
      const list = bySiteOfOther.get(key) ?? [];
      list.push({ other, decision });
      bySiteOfOther.set(key, list);
    }
  }
  for (const list of bySiteOfOther.values()) {
    // Two records of one site are two people there, unless a human linked them.
    if (new Set(list.map(({ other }) => sets.find(other))).size < 2) continue;
    for (const { decision } of list) {
      if (decision.outcome !== 'link') continue;
      decision.outcome = 'review';
      decision.reasons.unshift({ rule: 'double-link', text: 'one record would be linked to two records of one other site' });
    }
  }

  automatic.sort((x, y) => y.score - x.score || (pairKey(x.a, x.b) < pairKey(y.a, y.b) ? -1 : 1));
  for (const decision of automatic) {
    if (decision.outcome !== 'link') continue;
    if (sets.find(decision.a) === sets.find(decision.b)) continue;
    let conflict: string | undefined;
    for (const x of sets.membersOf(decision.a)) {
      for (const y of sets.membersOf(decision.b)) {
        conflict ??= conflictBetween(x, y, input);
      }
    }
    if (conflict) {
      decision.outcome = 'review';
      decision.reasons.unshift({ rule: 'cluster-conflict', text: `linking would join ${conflict}` });
    } else {
      sets.union(decision.a, decision.b);
    }
  }

  const persons = new Map<RecordId, RecordId[]>();
  for (const id of input.records.keys()) {
    const root = sets.find(id);
    const list = persons.get(root) ?? [];
    list.push(id);
    persons.set(root, list);
  }
  return {
    persons: [...persons].map(([, records]) => {
      const sorted = records.sort();
      return { id: sorted[0] as RecordId, records: sorted };
    }),
    decisions,
  };
}
