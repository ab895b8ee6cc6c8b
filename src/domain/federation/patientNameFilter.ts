/**
 * Patient's Name matching (PS3.4 §C.2.2.2.4 wildcards, applied to PN as PS3.18 §8.3.4.1 query keys).
 * Archives differ: some match case- or accent-sensitively. The archive is therefore sent a pattern broad enough
 * to find every spelling, and the results are filtered here, with case and accents folded.
 */
import type { PersonNameGroups } from '../dicom/dicomJson.ts';
import { foldPersonNameForSearch, hasWildcard, matchesWildcard } from '../dicom/searchText.ts';

/**
 * How the name is sent to the archive:
 * - `archive`: as typed (upper case), for archives known to fold case and accents themselves;
 * - `broad`: every letter that may carry an accent (`a c e i n o u y`) becomes `*`, so that `lefevre` finds
 *   `LEFÈVRE` and `LEFEVRE` alike on any archive; results are then filtered with {@link matchesPatientName}.
 */
export type NameMatching = 'archive' | 'broad';

/** The user's text as a folded pattern: separators (space, comma, `^`) read as one space, a prefix when no wildcard. */
export function patientNamePattern(typed: string): string {
  const folded = foldPersonNameForSearch(typed.replace(/,/g, ' '));
  if (folded === '') return '';
  return hasWildcard(folded) ? folded : `${folded}*`;
}

function collapseStars(pattern: string): string {
  return pattern.replace(/\*{2,}/g, '*');
}

/**
 * The `PatientName` matching value to send (PS3.18 §8.3.4.1), or `undefined` when the text holds no name.
 * Word separators become `*` (so that they match `^` as well as a space).
 */
export function qidoPatientNameValue(typed: string, matching: NameMatching): string | undefined {
  if (matching === 'archive') {
    const words = typed.trim().replace(/[\s,^]+/g, '*').toUpperCase();
    if (words.replace(/\*/g, '') === '') return undefined;
    return collapseStars(hasWildcard(typed) ? words : `${words}*`);
  }
  const pattern = patientNamePattern(typed);
  if (pattern.replace(/[*? ]/g, '') === '') return undefined;
  return collapseStars(pattern.replace(/ /g, '*').replace(/[aceinouy]/g, '*').toUpperCase());
}

/**
 * Whether a study's Patient's Name matches what the user typed, case and accents folded, on any of its groups
 * (alphabetic, ideographic, phonetic). An empty text matches everything; a missing name matches no text.
 */
export function matchesPatientName(typed: string | undefined, name: PersonNameGroups | undefined): boolean {
  const pattern = patientNamePattern(typed ?? '');
  if (pattern === '' || pattern.replace(/\*/g, '') === '') return true;
  if (name === undefined) return false;
  return [name.Alphabetic, name.Ideographic, name.Phonetic].some(
    (group) => group !== undefined && matchesWildcard(pattern, foldPersonNameForSearch(group)),
  );
}

