/**
 * Pairwise figures against the truth: a pair of records is linked when both sit in one person (a group), a true pair
 * when both are records of one person. Only the bench knows the truth.
 */
import type { RecordId } from '../../server/identity/matching/patientRecord.ts';
import type { Person, TruthRecord } from './population.ts';

export interface Figures {
  linkedPairs: number;
  truePairs: number;
  correctLinks: number;
  precision: number;
  recall: number;
  /** True pairs linked, or whose two groups a review pair joins. */
  foundShare: number;
  /** Possible matches in the queue (distinct pairs of persons) per record. */
  reviewShare: number;
  /** Records that appear in the queue, per record. */
  reviewRecordShare: number;
  twinFalseLinks: number;
  differentInsFalseLinks: number;
}

function eachPair<T>(list: readonly T[], visit: (a: T, b: T) => void): void {
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) visit(list[i] as T, list[j] as T);
}

export function evaluate(
  truth: readonly TruthRecord[],
  people: readonly Person[],
  groups: readonly (readonly RecordId[])[],
  reviewPairs: readonly [RecordId, RecordId][],
): Figures {
  const personOf = new Map<RecordId, number>();
  const insOf = new Map<RecordId, string>();
  for (const { record, personId } of truth) {
    const id = `${record.system}|${record.value}` as RecordId;
    personOf.set(id, personId);
    if (record.ins) insOf.set(id, `${record.ins.system}|${record.ins.value}`);
  }
  const groupOf = new Map<RecordId, number>();
  groups.forEach((group, index) => group.forEach((id) => groupOf.set(id, index)));

  let linkedPairs = 0;
  let correctLinks = 0;
  let twinFalseLinks = 0;
  let differentInsFalseLinks = 0;
  for (const group of groups) {
    eachPair(group, (a, b) => {
      linkedPairs++;
      const pa = personOf.get(a) as number;
      const pb = personOf.get(b) as number;
      if (pa === pb) correctLinks++;
      else if (people[pa]?.twinOf === pb) twinFalseLinks++;
      const ia = insOf.get(a);
      const ib = insOf.get(b);
      if (ia && ib && ia !== ib && ia.split('|')[0] === ib.split('|')[0]) differentInsFalseLinks++;
    });
  }

  const reviewed = new Set<string>();
  const reviewRecords = new Set<RecordId>();
  for (const [a, b] of reviewPairs) {
    const ga = groupOf.get(a) ?? -1;
    const gb = groupOf.get(b) ?? -1;
    if (ga >= 0 && ga === gb) continue;
    reviewed.add(`${Math.min(ga, gb)}|${Math.max(ga, gb)}|${ga < 0 ? a : ''}|${gb < 0 ? b : ''}`);
    reviewRecords.add(a);
    reviewRecords.add(b);
  }
  const byPerson = new Map<number, RecordId[]>();
  for (const [id, personId] of personOf) byPerson.set(personId, [...(byPerson.get(personId) ?? []), id]);
  let truePairs = 0;
  let found = 0;
  for (const ids of byPerson.values()) {
    eachPair(ids, (a, b) => {
      truePairs++;
      const ga = groupOf.get(a) ?? -1;
      const gb = groupOf.get(b) ?? -1;
      if (ga >= 0 && ga === gb) found++;
      else if (reviewed.has(`${Math.min(ga, gb)}|${Math.max(ga, gb)}|${ga < 0 ? a : ''}|${gb < 0 ? b : ''}`)) found++;
    });
  }
  return {
    linkedPairs,
    truePairs,
    correctLinks,
    precision: linkedPairs === 0 ? 1 : correctLinks / linkedPairs,
    recall: truePairs === 0 ? 1 : correctLinks / truePairs,
    foundShare: truePairs === 0 ? 1 : found / truePairs,
    reviewShare: reviewed.size / truth.length,
    reviewRecordShare: reviewRecords.size / truth.length,
    twinFalseLinks,
    differentInsFalseLinks,
  };
}
