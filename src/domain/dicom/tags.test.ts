import { describe, expect, it } from 'vitest';
import { DICOM_TAGS, keywordOf, normalizeTag, tagOf } from './tags.ts';

describe('tag dictionary', () => {
  it('maps keywords to tags and back', () => {
    expect(tagOf('PatientName')).toBe('00100010');
    expect(tagOf('IssuerOfPatientID')).toBe('00100021');
    expect(keywordOf('0020000d')).toBe('StudyInstanceUID');
    expect(keywordOf('99999999')).toBeUndefined();
  });

  it('holds only well-formed, distinct tags', () => {
    const tags = Object.values(DICOM_TAGS);
    expect(tags.every((tag) => /^[0-9A-F]{8}$/.test(tag))).toBe(true);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('normalises the usual spellings of a tag', () => {
    expect(normalizeTag('PatientID')).toBe('00100020');
    expect(normalizeTag('0020000d')).toBe('0020000D');
    expect(normalizeTag('(0010,0010)')).toBe('00100010');
    expect(normalizeTag('0010,0010')).toBe('00100010');
    expect(normalizeTag('__proto__')).toBeUndefined();
    expect(normalizeTag('toString')).toBeUndefined();
    expect(normalizeTag('0010001')).toBeUndefined();
  });
});
