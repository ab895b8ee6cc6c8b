/**
 * The INS rule (Référentiel national d'identitovigilance): records with the same INS are one person unless their
 * strict traits disagree (birth name, first given name, birth date, sex), which goes to review, never to a link;
 * different INS values in one system are never linked. INS of different systems (production against test or
 * demonstration, NIR against NIA) say nothing either way.
 */
import { agrees, type ComparisonVector, type Field } from './comparisonLevels.ts';
import { compareNames } from './compareRecords.ts';
import type { PatientRecord } from './patientRecord.ts';

export type InsVerdict =
  | { kind: 'none' }
  | { kind: 'different'; text: string }
  | { kind: 'same'; disagreeing: Field[]; text: string };

const strictFields: Field[] = ['givenName', 'birthDate', 'sex'];

/** What the two records' INS say about the pair, given their comparison vector. */
export function insVerdict(a: PatientRecord, b: PatientRecord, vector: ComparisonVector): InsVerdict {
  if (!a.ins || !b.ins || a.ins.system !== b.ins.system) return { kind: 'none' };
  if (a.ins.value.trim() !== b.ins.value.trim()) return { kind: 'different', text: `different INS (${a.ins.value} / ${b.ins.value})` };
  const disagreeing: Field[] = [];
  const birthNames = a.birthFamilyName?.trim() && b.birthFamilyName?.trim() ? compareNames(a.birthFamilyName, b.birthFamilyName) : vector.familyName.level;
  if (birthNames !== 'missing' && !agrees(birthNames)) disagreeing.push('familyName');
  for (const field of strictFields) {
    const level = vector[field].level;
    // A birth date with day and month swapped is `normalised` for the score, but a strict trait must be the same.
    const same = field === 'birthDate' ? level === 'exact' : agrees(level);
    if (level !== 'missing' && !same) disagreeing.push(field);
  }
  return disagreeing.length === 0
    ? { kind: 'same', disagreeing, text: `same INS ${a.ins.value}, strict traits agree` }
    : { kind: 'same', disagreeing, text: `same INS ${a.ins.value}, strict traits disagree: ${disagreeing.join(', ')}` };
}
