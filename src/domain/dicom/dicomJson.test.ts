import { describe, expect, it } from 'vitest';
import {
  attributeOf,
  isDicomJsonDataset,
  numberValue,
  numberValues,
  personName,
  personNames,
  sequenceItems,
  stringValue,
  stringValues,
  toFiniteNumber,
  toPersonNameGroups,
  vrOf,
} from './dicomJson.ts';

const study = {
  '00080020': { vr: 'DA', Value: ['20240305'] },
  '00080050': { vr: 'SH' },
  '00080061': { vr: 'CS', Value: ['CT', 'SR'] },
  '00081030': { vr: 'LO', Value: ['THORAX SANS INJECTION  '] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DURAND^MARIE', Ideographic: '', Phonetic: 'DYRAN^MARI' }] },
  '00100020': { vr: 'LO', Value: ['123'] },
  '0020000D': { vr: 'UI', Value: ['1.2.250.1.999.1.1'] },
  '00201206': { vr: 'IS', Value: ['4'] },
  '00201208': { vr: 'IS', Value: [312] },
  '00101002': { vr: 'SQ', Value: [{ '00100020': { vr: 'LO', Value: ['X1'] } }, 'junk', null] },
};

describe('DICOM JSON readers (PS3.18 §F.2)', () => {
  it('reads strings, trimming padding', () => {
    expect(stringValue(study, '00081030')).toBe('THORAX SANS INJECTION');
    expect(stringValue(study, 'StudyDescription')).toBe('THORAX SANS INJECTION');
    expect(stringValues(study, '00080061')).toEqual(['CT', 'SR']);
    expect(stringValue(study, '0020000d')).toBe('1.2.250.1.999.1.1');
  });

  it('answers undefined or empty for a missing Value or attribute', () => {
    expect(stringValue(study, '00080050')).toBeUndefined();
    expect(stringValues(study, '00080050')).toEqual([]);
    expect(stringValue(study, '00100030')).toBeUndefined();
    expect(attributeOf(study, '00080050')).toEqual({ vr: 'SH' });
    expect(vrOf(study, '00080050')).toBe('SH');
  });

  it('reads numbers given as numbers or as IS/DS strings', () => {
    expect(numberValue(study, '00201206')).toBe(4);
    expect(numberValue(study, '00201208')).toBe(312);
    expect(numberValues({ x: 1, '00280030': { vr: 'DS', Value: ['0.5\\0.75', ' 1e2 ', 'abc', '', NaN, Infinity] } }, '00280030')).toEqual([
      0.5, 0.75, 100,
    ]);
    expect(stringValue({ '00200013': { vr: 'IS', Value: [7] } }, '00200013')).toBe('7');
  });

  it.each([['12'], ['-3.5'], ['+.5'], ['1E3']])('parses the number text %s', (text) => {
    expect(toFiniteNumber(text)).toBe(Number(text));
  });

  it.each([['1,5'], ['0x10'], ['Infinity'], [''], [' '], ['1e999'], [null], [true]])('refuses the number %j', (value) => {
    expect(toFiniteNumber(value)).toBeUndefined();
  });

  it('splits a backslash-joined multi-value but not free text', () => {
    expect(stringValues({ '00080061': { vr: 'CS', Value: ['CT\\MR'] } }, '00080061')).toEqual(['CT', 'MR']);
    expect(stringValues({ '00104000': { vr: 'LT', Value: ['a\\b '] } }, '00104000')).toEqual(['a\\b']);
  });

  it('reads Person Name groups', () => {
    expect(personName(study, '00100010')).toEqual({ Alphabetic: 'DURAND^MARIE', Phonetic: 'DYRAN^MARI' });
    expect(stringValue(study, '00100010')).toBe('DURAND^MARIE');
    expect(toPersonNameGroups('Yamada^Tarou=山田^太郎=やまだ^たろう')).toEqual({
      Alphabetic: 'Yamada^Tarou',
      Ideographic: '山田^太郎',
      Phonetic: 'やまだ^たろう',
    });
    expect(toPersonNameGroups('=山田^太郎')).toEqual({ Ideographic: '山田^太郎' });
    expect(personNames({ '00100010': { vr: 'PN', Value: [{}, { Alphabetic: ' ' }, { Alphabetic: 'A^B' }, 5] } }, '00100010')).toEqual([
      { Alphabetic: 'A^B' },
    ]);
  });

  it('reads sequence items that are datasets', () => {
    const items = sequenceItems(study, '00101002');
    expect(items).toHaveLength(1);
    expect(stringValue(items[0], '00100020')).toBe('X1');
  });

  it.each([
    ['null dataset', null],
    ['array dataset', [study]],
    ['string dataset', 'DURAND'],
    ['attribute not an object', { '00100020': 'abc' }],
    ['Value not an array', { '00100020': { vr: 'LO', Value: 'abc' } }],
    ['Value of objects', { '00100020': { vr: 'LO', Value: [{ a: 1 }, [1], null] } }],
    ['prototype keys', JSON.parse('{"__proto__": {"Value": ["x"]}, "constructor": {"Value": ["y"]}}')],
  ])('never throws on hostile input: %s', (_label, dataset) => {
    for (const read of [stringValue, stringValues, numberValue, numberValues, personName, sequenceItems, attributeOf, vrOf]) {
      expect(() => read(dataset, '00100020')).not.toThrow();
    }
    expect(stringValue(dataset, '00100020')).toBeUndefined();
    expect(stringValue(dataset, '__proto__')).toBeUndefined();
    expect(stringValue(dataset, 'constructor')).toBeUndefined();
  });

  it('survives a getter that throws', () => {
    const hostile = Object.defineProperty({}, '00100020', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(stringValue(hostile, '00100020')).toBeUndefined();
  });

  it('recognises datasets', () => {
    expect(isDicomJsonDataset({})).toBe(true);
    expect(isDicomJsonDataset([])).toBe(false);
    expect(isDicomJsonDataset(null)).toBe(false);
  });
});
