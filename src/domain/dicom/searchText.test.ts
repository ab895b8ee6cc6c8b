import { describe, expect, it } from 'vitest';
import { foldForSearch, foldPersonNameForSearch, hasWildcard, matchesFoldedWildcard, matchesWildcard } from './searchText.ts';

describe('folding for search', () => {
  it('folds case and accents', () => {
    expect(foldForSearch('LEFÈVRE')).toBe('lefevre');
    expect(foldForSearch('lefevre')).toBe(foldForSearch('LEFÈVRE'));
    expect(foldForSearch('Ñúñez Çağlar')).toBe('nunez caglar');
    expect(foldForSearch('ŒDIPE Straße Søren Łukasz')).toBe('oedipe strasse soren lukasz');
    expect(foldForSearch('  a \t b  ')).toBe('a b');
    expect(foldForSearch('ＡＢＣ')).toBe('abc');
  });

  it('keeps the marks of other scripts', () => {
    expect(foldForSearch('やまだ')).not.toBe(foldForSearch('やまた'));
    expect(foldForSearch('홍길동')).toBe('홍길동');
    expect(matchesWildcard('?길동', foldForSearch('홍길동'))).toBe(true);
  });

  it('folds composed and decomposed forms alike', () => {
    expect(foldForSearch('E\u0301LODIE')).toBe(foldForSearch('\u00C9LODIE'));
  });

  it('reads PN separators as spaces', () => {
    expect(foldPersonNameForSearch('DURAND^MARIE^^^')).toBe('durand marie');
    expect(foldPersonNameForSearch('Yamada^Tarou=山田^太郎')).toBe('yamada tarou 山田 太郎');
  });

  it('answers empty for non-strings', () => {
    expect(foldForSearch(undefined)).toBe('');
    expect(foldPersonNameForSearch(42)).toBe('');
  });
});

describe('DICOM wildcard matching (PS3.4 §C.2.2.2.4)', () => {
  it.each([
    ['dur*', 'durand', true],
    ['*and', 'durand', true],
    ['d*r*d', 'durand', true],
    ['dur?nd', 'durand', true],
    ['dur?nd', 'durnd', false],
    ['durand', 'durand', true],
    ['durand', 'durand marie', false],
    ['*', '', true],
    ['', '', true],
    ['?', '', false],
    ['**d', 'durand', true],
    ['*x*', 'durand', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['?', '山', true],
    ['?', '😀', true],
  ])('%j against %j → %s', (pattern, text, expected) => {
    expect(matchesWildcard(pattern, text)).toBe(expected);
  });

  it('matches on folded text', () => {
    expect(matchesFoldedWildcard('lef*', 'LEFÈVRE')).toBe(true);
    expect(matchesFoldedWildcard('LEF?VRE', 'Lefèvre')).toBe(true);
    expect(matchesFoldedWildcard('ÉLO*', 'elodie')).toBe(true);
    expect(matchesFoldedWildcard('martin', 'MARTINEZ')).toBe(false);
  });

  it('stays fast on adversarial patterns', () => {
    const started = performance.now();
    expect(matchesWildcard(`${'*a'.repeat(200)}b`, 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('tells wildcards', () => {
    expect(hasWildcard('dur*')).toBe(true);
    expect(hasWildcard('dur?')).toBe(true);
    expect(hasWildcard('durand')).toBe(false);
  });
});
