import { describe, expect, it } from 'vitest';
import { capitalizeNamePart, formatPersonName, formatPersonNameWithGroups, parsePersonNameComponents } from './personNameDisplay.ts';

describe('Person Name components (PS3.5 §6.2.1)', () => {
  it('splits the five components', () => {
    expect(parsePersonNameComponents('DURAND^MARIE^CLAIRE^MME^JR')).toEqual({
      family: 'DURAND',
      given: 'MARIE',
      middle: 'CLAIRE',
      prefix: 'MME',
      suffix: 'JR',
    });
    expect(parsePersonNameComponents('DURAND')).toEqual({ family: 'DURAND', given: '', middle: '', prefix: '', suffix: '' });
  });
});

describe('Person Name display', () => {
  it.each([
    [{ Alphabetic: 'DURAND^MARIE' }, 'DURAND, Marie'],
    [{ Alphabetic: 'DURAND^MARIE^CLAIRE' }, 'DURAND, Marie Claire'],
    [{ Alphabetic: 'LEFÈVRE^ÉLODIE' }, 'LEFÈVRE, Élodie'],
    [{ Alphabetic: 'Lefèvre^élodie' }, 'LEFÈVRE, Élodie'],
    [{ Alphabetic: 'DURAND^MARIE-HÉLÈNE' }, 'DURAND, Marie-Hélène'],
    [{ Alphabetic: "N'DIAYE^AWA" }, "N'DIAYE, Awa"],
    [{ Alphabetic: 'MCDONALD^McKenzie' }, 'MCDONALD, McKenzie'],
    [{ Alphabetic: 'DURAND' }, 'DURAND'],
    [{ Alphabetic: '^MARIE' }, 'Marie'],
    [{ Alphabetic: 'DURAND^^CLAIRE' }, 'DURAND, Claire'],
    [{ Alphabetic: 'DURAND^MARIE^^MME^JR' }, 'DURAND, Marie'],
    [{ Alphabetic: 'DURAND^MARIE^^^' }, 'DURAND, Marie'],
    [{ Alphabetic: '  LE   GALL ^ ANNE ' }, 'LE GALL, Anne'],
    [{ Alphabetic: '^^^' }, ''],
    [{}, ''],
  ])('shows %j as %j', (name, shown) => {
    expect(formatPersonName(name)).toBe(shown);
  });

  it('shows prefix and suffix on request', () => {
    expect(formatPersonName({ Alphabetic: 'DURAND^MARIE^^MME^JR' }, { withPrefixAndSuffix: true })).toBe('DURAND, Mme Marie, JR');
    expect(formatPersonName({ Alphabetic: '^^^^III' }, { withPrefixAndSuffix: true })).toBe('III');
  });

  it('keeps the order and case of ideographic and phonetic groups', () => {
    const name = { Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' };
    expect(formatPersonName(name)).toBe('YAMADA, Tarou');
    expect(formatPersonName(name, { group: 'Ideographic' })).toBe('山田 太郎');
    expect(formatPersonName(name, { group: 'Phonetic' })).toBe('やまだ たろう');
    expect(formatPersonName({ Ideographic: '홍^길동' })).toBe('홍 길동');
    expect(formatPersonNameWithGroups(name)).toBe('YAMADA, Tarou (山田 太郎)');
    expect(formatPersonNameWithGroups({ Ideographic: '山田^太郎' })).toBe('山田 太郎');
    expect(formatPersonNameWithGroups({ Alphabetic: 'DURAND^MARIE' })).toBe('DURAND, Marie');
  });

  it('reads the PS3.5 text form', () => {
    expect(formatPersonName('Wang^XiaoDong=王^小东=')).toBe('WANG, XiaoDong');
    expect(formatPersonName('=王^小东')).toBe('王 小东');
  });

  it.each([null, undefined, 42, [], { Alphabetic: 7 }])('shows nothing for %j', (value) => {
    expect(formatPersonName(value)).toBe('');
  });

  it('capitalises words written in one case only', () => {
    expect(capitalizeNamePart('JEAN PIERRE')).toBe('Jean Pierre');
    expect(capitalizeNamePart('anne-sophie')).toBe('Anne-Sophie');
    expect(capitalizeNamePart('DeWitt')).toBe('DeWitt');
  });
});
