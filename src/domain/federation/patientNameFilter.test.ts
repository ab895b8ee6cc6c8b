import { describe, expect, it } from 'vitest';
import { matchesPatientName, patientNamePattern, qidoPatientNameValue } from './patientNameFilter.ts';

describe('Patient Name sent to an archive', () => {
  it('sends the name as typed, as a prefix, for archives that fold themselves', () => {
    expect(qidoPatientNameValue('durand', 'archive')).toBe('DURAND*');
    expect(qidoPatientNameValue('durand marie', 'archive')).toBe('DURAND*MARIE*');
    expect(qidoPatientNameValue('DURAND, MARIE', 'archive')).toBe('DURAND*MARIE*');
    expect(qidoPatientNameValue('dur?nd*', 'archive')).toBe('DUR?ND*');
    expect(qidoPatientNameValue(' ', 'archive')).toBeUndefined();
    expect(qidoPatientNameValue('*', 'archive')).toBeUndefined();
  });

  it('sends a pattern broad enough for accent- and case-sensitive archives', () => {
    expect(qidoPatientNameValue('lefevre', 'broad')).toBe('L*F*VR*');
    expect(qidoPatientNameValue('LEFÈVRE', 'broad')).toBe('L*F*VR*');
    expect(qidoPatientNameValue('durand marie', 'broad')).toBe('D*R*D*M*R*');
    expect(qidoPatientNameValue('dur?nd', 'broad')).toBe('D*R?*D');
    expect(qidoPatientNameValue('', 'broad')).toBeUndefined();
    expect(qidoPatientNameValue('**', 'broad')).toBeUndefined();
  });
});

describe('Patient Name filter on results', () => {
  const lefevre = { Alphabetic: 'LEFÈVRE^ÉLODIE' };

  it('matches case- and accent-insensitively, as a prefix when no wildcard', () => {
    expect(matchesPatientName('lefevre', lefevre)).toBe(true);
    expect(matchesPatientName('LEFÈVRE', { Alphabetic: 'LEFEVRE^ELODIE' })).toBe(true);
    expect(matchesPatientName('lef', lefevre)).toBe(true);
    expect(matchesPatientName('lefevre elodie', lefevre)).toBe(true);
    expect(matchesPatientName('lefevre, elo', lefevre)).toBe(true);
    expect(matchesPatientName('lefevre^elodie', lefevre)).toBe(true);
    expect(matchesPatientName('elodie', lefevre)).toBe(false);
    expect(matchesPatientName('*elodie', lefevre)).toBe(true);
    expect(matchesPatientName('l?fevre*', lefevre)).toBe(true);
    expect(matchesPatientName('l?fevre', lefevre)).toBe(false);
  });

  it('drops the false positives of a broad archive pattern', () => {
    const broad = qidoPatientNameValue('lefevre', 'broad') ?? '';
    expect(broad).toBe('L*F*VR*');
    expect(matchesPatientName('lefevre', { Alphabetic: 'LAFFIVRE^JEAN' })).toBe(false);
  });

  it('matches any group of the name', () => {
    const yamada = { Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' };
    expect(matchesPatientName('山田', yamada)).toBe(true);
    expect(matchesPatientName('やまだ', yamada)).toBe(true);
    expect(matchesPatientName('yamada', yamada)).toBe(true);
    expect(matchesPatientName('田中', yamada)).toBe(false);
  });

  it('lets everything through without a name, and nothing without a stored name', () => {
    expect(matchesPatientName(undefined, lefevre)).toBe(true);
    expect(matchesPatientName('  ', undefined)).toBe(true);
    expect(matchesPatientName('*', undefined)).toBe(true);
    expect(matchesPatientName('durand', undefined)).toBe(false);
  });

  it('folds the typed text into a pattern', () => {
    expect(patientNamePattern('  Lefèvre ,  Élo ')).toBe('lefevre elo*');
    expect(patientNamePattern('dur*')).toBe('dur*');
    expect(patientNamePattern('')).toBe('');
  });
});
