/**
 * Text folding and DICOM wildcard matching for searches done on the client, where an archive matches case- or
 * accent-sensitively. Wildcards follow PS3.4 §C.2.2.2.4: `*` matches any sequence of characters (including
 * none), `?` exactly one character.
 */

/** Letters that Unicode decomposition leaves whole, and their usual Latin spelling. */
const LIGATURES: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  ł: 'l', Ł: 'l', ı: 'i', þ: 'th', Þ: 'th',
};

/** Blocks of combining diacritical marks (accents of Latin, Greek and Cyrillic letters), not the marks of other scripts. */
const DIACRITIC_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];

function withoutDiacritics(decomposed: string): string {
  let result = '';
  for (const character of decomposed) {
    const code = character.codePointAt(0) ?? 0;
    if (!DIACRITIC_BLOCKS.some(([first, last]) => code >= first && code <= last)) result += character;
  }
  return result;
}

/**
 * Folds case, accents and compatibility forms for comparison: `LEFÈVRE` and `lefevre` both give `lefevre`,
 * `Œ` gives `oe`, full-width `ＡＢ` gives `ab`, runs of white space become one space and the ends are trimmed.
 * Marks that change a letter in other scripts (Japanese dakuten, Hangul syllables) are kept. Never throws.
 */
export function foldForSearch(text: unknown): string {
  if (typeof text !== 'string') return '';
  return withoutDiacritics(text.normalize('NFKD'))
    .normalize('NFC')
    .replace(/[ßẞæÆœŒøØđĐðÐłŁıþÞ]/g, (letter) => LIGATURES[letter] ?? letter)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Folds a Person Name for search: {@link foldForSearch}, with the component (`^`) and group (`=`) separators
 * read as spaces, so that `DURAND^MARIE` folds to `durand marie`.
 */
export function foldPersonNameForSearch(text: unknown): string {
  return typeof text === 'string' ? foldForSearch(text.replace(/[\^=]/g, ' ')) : '';
}

/** Whether a text holds a DICOM wildcard (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/**
 * Whether `text` matches `pattern` with DICOM wildcards, both as given (fold them first for a case- and
 * accent-insensitive match). A pattern without wildcards must equal the text (single value matching).
 * Runs in O(pattern × text) at worst, with no regular expression built from input.
 */
export function matchesWildcard(pattern: string, text: string): boolean {
  const p = Array.from(pattern);
  const t = Array.from(text);
  let pi = 0;
  let ti = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] !== '*' && p[pi] === t[ti]))) {
      pi += 1;
      ti += 1;
    } else if (pi < p.length && p[pi] === '*') {
      starAt = pi;
      resumeAt = ti;
      pi += 1;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      resumeAt += 1;
      ti = resumeAt;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi += 1;
  return pi === p.length;
}

/** {@link matchesWildcard} on folded pattern and text: `LEF*` matches `Lefèvre`, `dur?nd` matches `DURAND`. */
export function matchesFoldedWildcard(pattern: string, text: string): boolean {
  return matchesWildcard(foldForSearch(pattern), foldForSearch(text));
}
