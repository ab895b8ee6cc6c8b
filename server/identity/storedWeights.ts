/**
 * Learnt weights and name frequencies as JSON, to be stored and read back (migration 0005): `MatchWeights` is plain
 * data already; the frequencies' maps become `[name, count]` lists. Reading checks every field's every scored level
 * for probabilities in (0, 1], so that a damaged or foreign row is refused (the caller keeps the weights it has)
 * rather than scoring with NaN.
 */
import type { JsonObject, JsonValue } from '../db/databaseSchema.ts';
import { fields } from './matching/comparisonLevels.ts';
import { scoredLevels, type LevelProbabilities, type MatchWeights } from './matching/fellegiSunter.ts';
import { minimumNamesForFrequencies, type NameFrequencies } from './matching/nameFrequencies.ts';

export function weightsToJson(weights: MatchWeights): JsonObject {
  return JSON.parse(JSON.stringify(weights)) as JsonObject;
}

function isProbability(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 1;
}

/** The weights a stored JSON holds, or why it cannot be read. */
export function weightsFromJson(value: unknown): { ok: true; weights: MatchWeights } | { ok: false; reason: string } {
  if (!value || typeof value !== 'object') return { ok: false, reason: 'not an object' };
  const stored = value as { source?: unknown; matchShare?: unknown; probabilities?: unknown };
  if (stored.source !== 'em' && stored.source !== 'calibrated') return { ok: false, reason: `unknown source ${JSON.stringify(stored.source)}` };
  if (!isProbability(stored.matchShare)) return { ok: false, reason: 'matchShare is not a probability' };
  const probabilities = stored.probabilities as Record<string, Record<string, { m?: unknown; u?: unknown } | undefined> | undefined> | undefined;
  for (const field of fields) {
    for (const level of scoredLevels) {
      const entry = probabilities?.[field]?.[level];
      if (!isProbability(entry?.m) || !isProbability(entry?.u)) return { ok: false, reason: `${field}.${level}: m and u must be probabilities` };
    }
  }
  return { ok: true, weights: { source: stored.source, matchShare: stored.matchShare, probabilities: probabilities as unknown as LevelProbabilities } };
}

/**
 * The frequencies worth storing: none (`null`) when too few names were counted for them to adjust any weight
 * (`nameShare` ignores them then), which is every small population.
 */
export function frequenciesToJson(frequencies: NameFrequencies | undefined): JsonObject | null {
  if (!frequencies) return null;
  if (frequencies.familyTotal < minimumNamesForFrequencies && frequencies.givenTotal < minimumNamesForFrequencies) return null;
  return {
    familyTotal: frequencies.familyTotal,
    givenTotal: frequencies.givenTotal,
    familyName: [...frequencies.familyName] as JsonValue[],
    givenName: [...frequencies.givenName] as JsonValue[],
  };
}

function countMap(value: unknown): Map<string, number> | undefined {
  if (!Array.isArray(value)) return undefined;
  const map = new Map<string, number>();
  for (const entry of value) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') return undefined;
    map.set(entry[0], entry[1]);
  }
  return map;
}

/** The frequencies a stored JSON holds; undefined for none or a row it cannot read. */
export function frequenciesFromJson(value: unknown): NameFrequencies | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const stored = value as { familyTotal?: unknown; givenTotal?: unknown; familyName?: unknown; givenName?: unknown };
  const familyName = countMap(stored.familyName);
  const givenName = countMap(stored.givenName);
  if (!familyName || !givenName || typeof stored.familyTotal !== 'number' || typeof stored.givenTotal !== 'number') return undefined;
  return { familyName, givenName, familyTotal: stored.familyTotal, givenTotal: stored.givenTotal };
}
