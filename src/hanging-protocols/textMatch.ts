/**
 * Keyword matching on free-text DICOM attributes (Study Description (0008,1030), Series Description
 * (0008,103E), Body Part Examined (0018,0015)): case and accents folded, punctuation as word breaks, so that
 * `Crâne`, `CRANE` and `crane` match, and `THORAX-ABDO-PELVIS` reads as three words. The text is untrusted:
 * it is only compared, never interpreted.
 */

/** Upper case, accents removed (`É` → `E`, `œ` → `OE`), every run of other characters one space, trimmed. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/giu, 'OE')
    .replace(/æ/giu, 'AE')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** The folded words of a text. */
export function foldedWords(text: string): string[] {
  const folded = foldText(text);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Whether `keyword` (one or more words) occurs in `text` as whole words, case and accents folded:
 * `T2` is in `Ax T2 TSE` but not in `AxT21`; `abdo pelvis` is in `THORAX-ABDO-PELVIS`.
 */
export function hasKeyword(text: string, keyword: string): boolean {
  const needle = foldText(keyword);
  if (needle === '') return false;
  return ` ${foldText(text)} `.includes(` ${needle} `);
}

/** The first of `keywords` found in `text` (see {@link hasKeyword}), or `undefined`. */
export function firstKeyword(text: string, keywords: readonly string[]): string | undefined {
  return keywords.find((keyword) => hasKeyword(text, keyword));
}
