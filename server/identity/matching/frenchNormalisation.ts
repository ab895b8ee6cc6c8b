/**
 * French normalisation of names for comparison (after the RNIV's rules for strict traits: upper case, no accents,
 * hyphen, apostrophe and space as separators).
 *
 * A name gives a set of comparable forms: with and without its particles, with its parts joined. Two names are
 * "normalised-equal" when their forms meet: JEAN-PIERRE, JEAN PIERRE and JEANPIERRE; DE LA FONTAINE and
 * DELAFONTAINE; D'ARTAGNAN and ARTAGNAN; LE GALL and LEGALL.
 */

/** Particles dropped from a family name's second form. */
const particles = new Set(['DE', 'DU', 'DES', 'D', 'LA', 'LE', 'LES', 'L', 'DEL', 'DELLA', 'VAN', 'VON', 'DER', 'DEN', 'DI', 'DA', 'DOS']);

/** Upper case, accents removed (NFD, combining marks dropped), Œ/Æ expanded, anything but A–Z as one space. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/Æ/g, 'AE')
    .replace(/[^A-Z]+/g, ' ')
    .trim();
}

/**
 * A cache for a pure function of a string: matching compares each name with many others, and normalising it again
 * each time costs most of the run. Emptied when it passes `limit` entries, so it never grows without bound.
 */
function memoised<T>(compute: (text: string) => T, limit = 200_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const known = cache.get(text);
    if (known !== undefined) return known;
    if (cache.size >= limit) cache.clear();
    const value = compute(text);
    cache.set(text, value);
    return value;
  };
}

/** The name's parts after normalisation: `JEAN-PIERRE` → `['JEAN', 'PIERRE']`. */
export const nameParts: (text: string) => readonly string[] = memoised((text) => {
  const normalised = normaliseText(text);
  return normalised === '' ? [] : normalised.split(' ');
});

/** The parts joined: `Jean-Pierre`, `JEAN PIERRE` and `Jeanpierre` all give `JEANPIERRE`. */
export const compactName: (text: string) => string = memoised((text) => nameParts(text).join(''));

/** The parts joined once the particles are gone: `de la Fontaine` → `FONTAINE`; a name of particles only stays whole. */
export function withoutParticles(text: string): string {
  const parts = nameParts(text);
  const kept = parts.filter((part) => !particles.has(part));
  return (kept.length > 0 ? kept : parts).join('');
}

/** The comparable forms of a family name: joined, and joined without particles. */
export const familyNameForms: (text: string) => readonly string[] = memoised((text) => {
  const compact = compactName(text);
  if (compact === '') return [];
  const bare = withoutParticles(text);
  return bare === compact ? [compact] : [compact, bare];
});

/**
 * A phonetic key for blocking, in the spirit of the French Soundex variants: accents gone, common French spellings of
 * one sound made one (PH/F, QU/K, C before E, I, Y/S, EAU/AU/O, AI/EI/E, Y/I, W/V, silent H, Z/S), vowels after
 * the first letter dropped, doubled letters made single; the first four characters.
 */
export const phoneticKey: (text: string) => string = memoised((text) => {
  const compact = withoutParticles(text);
  if (compact === '') return '';
  const spelt = compact
    .replace(/PH/g, 'F')
    .replace(/QU/g, 'K')
    .replace(/GU(?=[EI])/g, 'G')
    .replace(/C(?=[EIY])/g, 'S')
    .replace(/CH/g, 'S')
    .replace(/C|Q/g, 'K')
    .replace(/EAU|AU/g, 'O')
    .replace(/AI|EI/g, 'E')
    .replace(/Y/g, 'I')
    .replace(/W/g, 'V')
    .replace(/Z/g, 'S')
    .replace(/H/g, '')
    .replace(/(T|D|S|X)$/, '');
  const head = spelt[0] ?? compact[0] ?? '';
  const tail = spelt.slice(1).replace(/[AEIOU]/g, '').replace(/(.)\1+/g, '$1');
  return (head + tail).slice(0, 4);
});
