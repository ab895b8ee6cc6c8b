/**
 * Person Name (PN) display, PS3.5 §6.2 and §6.2.1: a value has up to three component groups (alphabetic,
 * ideographic, phonetic) separated by `=`, each of up to five components separated by `^`:
 * family name, given name, middle name, prefix, suffix.
 */
import { toPersonNameGroups, type PersonNameGroups } from './dicomJson.ts';

/** The five components of one group (PS3.5 §6.2.1), trimmed, `''` when absent. */
export interface PersonNameComponents {
  family: string;
  given: string;
  middle: string;
  prefix: string;
  suffix: string;
}

/** A component group of a Person Name (PS3.18 §F.2.2). */
export type PersonNameGroup = keyof PersonNameGroups;

/** How a Person Name is shown. */
export interface PersonNameDisplayOptions {
  /** Which group to show; `auto` (default) takes the first non-empty of alphabetic, ideographic, phonetic. */
  group?: PersonNameGroup | 'auto';
  /** Show the prefix and suffix components too (default: no). */
  withPrefixAndSuffix?: boolean;
}

function clean(component: string | undefined): string {
  return (component ?? '').replace(/\s+/g, ' ').trim();
}

/** Splits one component group (`DURAND^MARIE^CLAIRE^MME`) into its components (PS3.5 §6.2.1). */
export function parsePersonNameComponents(group: string): PersonNameComponents {
  const [family, given, middle, prefix, suffix] = group.split('^');
  return { family: clean(family), given: clean(given), middle: clean(middle), prefix: clean(prefix), suffix: clean(suffix) };
}

/**
 * `MARIE-CLAIRE` → `Marie-Claire`, `d'ARTAGNAN` kept as typed: a word is re-cased only when it is written all
 * in capitals or all in small letters, so deliberate mixed case (`McDonald`) survives.
 */
export function capitalizeNamePart(text: string): string {
  if (text !== text.toUpperCase() && text !== text.toLowerCase()) return text;
  let startOfWord = true;
  let result = '';
  for (const character of text.toLowerCase()) {
    result += startOfWord ? character.toUpperCase() : character;
    startOfWord = /[\s\-'’.]/.test(character);
  }
  return result;
}

function joinWords(...words: string[]): string {
  return words.filter((word) => word !== '').join(' ');
}

/** `FAMILY, Given Middle` for an alphabetic group; ideographic and phonetic groups keep their script's order. */
function formatGroup(group: string, kind: PersonNameGroup, withPrefixAndSuffix: boolean): string {
  const parts = parsePersonNameComponents(group);
  const prefix = withPrefixAndSuffix ? parts.prefix : '';
  const suffix = withPrefixAndSuffix ? parts.suffix : '';
  if (kind !== 'Alphabetic') {
    return joinWords(prefix, parts.family, parts.given, parts.middle, suffix);
  }
  const family = parts.family.toUpperCase();
  const given = joinWords(capitalizeNamePart(prefix), capitalizeNamePart(parts.given), capitalizeNamePart(parts.middle));
  const name = family !== '' && given !== '' ? `${family}, ${given}` : family || given;
  if (suffix === '') return name;
  return name === '' ? suffix : `${name}, ${suffix}`;
}

function pickGroup(groups: PersonNameGroups, wanted: PersonNameGroup | 'auto'): [PersonNameGroup, string] | undefined {
  const order: PersonNameGroup[] = wanted === 'auto' ? ['Alphabetic', 'Ideographic', 'Phonetic'] : [wanted];
  for (const kind of order) {
    const text = groups[kind];
    if (text !== undefined && text.replace(/\^/g, '').trim() !== '') return [kind, text];
  }
  return undefined;
}

/**
 * A Person Name for display: `DURAND^MARIE^CLAIRE` → `DURAND, Marie Claire`; `^MARIE` → `Marie`;
 * `山田^太郎` (ideographic) → `山田 太郎`. Accepts the DICOM JSON object form, the PS3.5 text form
 * (`A=I=P`) or anything else (answering `''`). Never throws.
 */
export function formatPersonName(name: unknown, options: PersonNameDisplayOptions = {}): string {
  const groups = toPersonNameGroups(name);
  if (groups === undefined) return '';
  const picked = pickGroup(groups, options.group ?? 'auto');
  return picked === undefined ? '' : formatGroup(picked[1], picked[0], options.withPrefixAndSuffix ?? false);
}

/**
 * The alphabetic form followed by the ideographic (or, failing that, phonetic) form in parentheses when the
 * value has both: `YAMADA, Tarou (山田 太郎)`.
 */
export function formatPersonNameWithGroups(name: unknown, options: Omit<PersonNameDisplayOptions, 'group'> = {}): string {
  const main = formatPersonName(name, { ...options, group: 'Alphabetic' });
  const other =
    formatPersonName(name, { ...options, group: 'Ideographic' }) || formatPersonName(name, { ...options, group: 'Phonetic' });
  if (main === '') return other;
  return other === '' ? main : `${main} (${other})`;
}
