/**
 * Comparing two Person Names (PS3.5 §6.2) of identities linked as one person, for identitovigilance: are they
 * the same spelling, a spelling variant (case, accents, hyphens, apostrophes, spaces, order or omission of
 * given names, a typo in the family name), or different names?
 */
import { toPersonNameGroups } from '../dicom/dicomJson.ts';
import { parsePersonNameComponents } from '../dicom/personNameDisplay.ts';
import { foldForSearch } from '../dicom/searchText.ts';

/** How two names relate. */
export type NameComparison = 'same' | 'variant' | 'different';

/** Names longer than this are compared without edit distance (bounded work on hostile input). */
const MAX_EDIT_LENGTH = 64;

/**
 * Optimal-string-alignment distance (Levenshtein with adjacent transpositions) between two texts, counted in
 * code points; `Infinity` when either is longer than 64 code points.
 */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length > MAX_EDIT_LENGTH || t.length > MAX_EDIT_LENGTH) return a === b ? 0 : Infinity;
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length] ?? Infinity;
}

/** Edits tolerated in a family name of this length: none up to 3 letters, 1 up to 7, 2 beyond. */
function toleratedEdits(length: number): number {
  if (length <= 3) return 0;
  return length <= 7 ? 1 : 2;
}

function words(component: string): string[] {
  return foldForSearch(component)
    .split(/[\s\-'’.,]+/)
    .filter((word) => word !== '');
}

interface NameKey {
  raw: string;
  family: string;
  /** Given and middle names, word by word, sorted. */
  given: string[];
  /** Given and middle names run together in their order (`MARIE-CLAIRE` → `marieclaire`). */
  givenJoined: string;
}

function nameKey(name: unknown): NameKey | undefined {
  const groups = toPersonNameGroups(name);
  const raw = groups?.Alphabetic ?? groups?.Ideographic ?? groups?.Phonetic;
  if (raw === undefined) return undefined;
  const parts = parsePersonNameComponents(raw);
  return {
    raw: raw.replace(/\s+/g, ' ').replace(/\^+$/, '').trim(),
    family: words(parts.family).join(''),
    given: [...words(parts.given), ...words(parts.middle)].sort(),
    givenJoined: [...words(parts.given), ...words(parts.middle)].join(''),
  };
}

function isSubset(small: readonly string[], large: readonly string[]): boolean {
  const pool = [...large];
  return small.every((word) => {
    const index = pool.indexOf(word);
    if (index < 0) return false;
    pool.splice(index, 1);
    return true;
  });
}

/** Given names agree when one is missing, when they are the same words in any order or run together, or when one list is part of the other. */
function givenNamesAgree(a: NameKey, b: NameKey): boolean {
  if (a.given.length === 0 || b.given.length === 0) return true;
  if (a.givenJoined === b.givenJoined) return true;
  return isSubset(a.given, b.given) || isSubset(b.given, a.given);
}

/**
 * Compares two names (DICOM JSON PN objects or PS3.5 text). `DURAND^MARIE^CLAIRE` and `DURAND^MARIE-CLAIRE`,
 * `Lefèvre^Élodie` and `LEFEVRE^ELODIE`, `DURAND^MARIE` and `DURANT^MARIE` are variants; `DURAND^MARIE` and
 * `MARTIN^PAUL` are different. A missing name compares as `same` (there is nothing to contradict).
 */
export function comparePersonNames(a: unknown, b: unknown): NameComparison {
  const left = nameKey(a);
  const right = nameKey(b);
  if (left === undefined || right === undefined || left.raw === right.raw) return 'same';
  const shorter = Math.min(left.family.length, right.family.length);
  const familyAgrees = left.family === right.family || editDistance(left.family, right.family) <= toleratedEdits(shorter);
  return familyAgrees && givenNamesAgree(left, right) ? 'variant' : 'different';
}
