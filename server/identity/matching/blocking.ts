/**
 * Blocking: which pairs of records are compared at all. Each rule gives each record a few keys; records sharing a
 * key under a rule are candidates; the union over rules is kept, so that a pair missed by one rule (a typo in the
 * name, a swapped date) is caught by another.
 *
 * Records of one site are never paired: a site's identifiers are its own patients, and the matcher cross-references
 * sites (a site's own duplicates are its identity-vigilance team's to merge, or a human decision here).
 */
import { parseBirthDate, swapFreeDateKey } from './birthDate.ts';
import { compactName, phoneticKey } from './frenchNormalisation.ts';
import type { Field } from './comparisonLevels.ts';
import { firstGivenName, type PatientRecord } from './patientRecord.ts';

export interface BlockingRule {
  name: string;
  /** The fields its keys are made of: among its pairs they agree by construction, so say nothing of who is who. */
  fields: Field[];
  /** Whether its pairs estimate m (false for INS: its pairs are decided by the INS rule, and its traits are the registry's). */
  estimatesWeights: boolean;
  /** The record's keys under this rule; none when the fields it needs are missing. */
  keys: (record: PatientRecord) => string[];
}

function familyNames(record: PatientRecord): string[] {
  return [record.birthFamilyName, record.usedFamilyName].filter((name): name is string => !!name?.trim());
}

function year(record: PatientRecord): string | undefined {
  return parseBirthDate(record.birthDate)?.year;
}

function fullDateKey(record: PatientRecord): string | undefined {
  const date = parseBirthDate(record.birthDate);
  return date ? swapFreeDateKey(date) : undefined;
}

/** The default rules: INS; birth date (day and month either way); family name's sound and birth year; family and first given name; first given name's sound, sex and birth year. */
export const defaultBlockingRules: BlockingRule[] = [
  { name: 'INS', fields: [], estimatesWeights: false, keys: (r) => (r.ins ? [`${r.ins.system}|${r.ins.value}`] : []) },
  { name: 'birth date', fields: ['birthDate'], estimatesWeights: true, keys: (r) => [fullDateKey(r)].filter((key): key is string => !!key) },
  {
    name: 'family name sound + birth year',
    // The year is part of the key, but not the day and month: the birth date still tells people apart here.
    fields: ['familyName'],
    estimatesWeights: true,
    keys: (r) => {
      const y = year(r);
      return y ? [...new Set(familyNames(r).map((name) => `${phoneticKey(name)}|${y}`))] : [];
    },
  },
  {
    name: 'family name + first given name',
    fields: ['familyName', 'givenName'],
    // Its pairs share both names, and the given name gives the sex: the birth date (and a birth place, seldom filled
    // in) left alone cannot tell one person's records from homonyms, so EM learns nothing sound here.
    estimatesWeights: false,
    keys: (r) => {
      const given = compactName(firstGivenName(r) ?? '');
      return given ? [...new Set(familyNames(r).map((name) => `${compactName(name)}|${given}`))] : [];
    },
  },
  {
    name: 'first given name sound + sex + birth year',
    fields: ['givenName', 'sex'],
    estimatesWeights: true,
    keys: (r) => {
      const given = firstGivenName(r);
      const y = year(r);
      return given && y ? [`${phoneticKey(given)}|${r.sex}|${y}`] : [];
    },
  },
];

export interface CandidatePairs {
  /** Record indices, two per pair (`pairs[2k] < pairs[2k + 1]`). */
  pairs: Uint32Array;
  /** For each pair, a bit per rule that gave it (bit r for `rules[r]`). */
  ruleMasks: Uint8Array;
  /** Pairs each rule brought that no earlier rule had. */
  newPairsByRule: Record<string, number>;
  /** Blocks left out for being larger than `maximumBlock`, by rule (their pairs would be mostly different people). */
  oversizedBlocks: Record<string, number>;
}

/** Candidate pairs of records from different sites, over every rule. */
export function candidatePairs(
  records: readonly PatientRecord[],
  rules: readonly BlockingRule[] = defaultBlockingRules,
  maximumBlock = 500,
): CandidatePairs {
  if (rules.length > 8) throw new Error('at most 8 blocking rules');
  const seen = new Map<number, number>();
  const masks: number[] = [];
  const out: number[] = [];
  const newPairsByRule: Record<string, number> = {};
  const oversizedBlocks: Record<string, number> = {};
  const n = records.length;
  for (const [ruleIndex, rule] of rules.entries()) {
    const blocks = new Map<string, number[]>();
    records.forEach((record, index) => {
      for (const key of rule.keys(record)) {
        const block = blocks.get(key);
        if (block) block.push(index);
        else blocks.set(key, [index]);
      }
    });
    let added = 0;
    let oversized = 0;
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      if (block.length > maximumBlock) {
        oversized++;
        continue;
      }
      for (let x = 0; x < block.length; x++) {
        for (let y = x + 1; y < block.length; y++) {
          const i = Math.min(block[x] ?? 0, block[y] ?? 0);
          const j = Math.max(block[x] ?? 0, block[y] ?? 0);
          if (i === j || records[i]?.system === records[j]?.system) continue;
          const key = i * n + j;
          const known = seen.get(key);
          if (known !== undefined) {
            masks[known] = (masks[known] ?? 0) | (1 << ruleIndex);
            continue;
          }
          seen.set(key, masks.length);
          masks.push(1 << ruleIndex);
          out.push(i, j);
          added++;
        }
      }
    }
    newPairsByRule[rule.name] = added;
    oversizedBlocks[rule.name] = oversized;
  }
  return { pairs: Uint32Array.from(out), ruleMasks: Uint8Array.from(masks), newPairsByRule, oversizedBlocks };
}
