import { describe, expect, it } from 'vitest';
import { compactName, familyNameForms, normaliseText, phoneticKey, withoutParticles } from './frenchNormalisation.ts';

describe('normaliseText', () => {
  it.each([
    ['Hélène', 'HELENE'],
    ['  françois ', 'FRANCOIS'],
    ['Jean-Pierre', 'JEAN PIERRE'],
    ["D'Artagnan", 'D ARTAGNAN'],
    ['Lætitia', 'LAETITIA'],
    ['Cœur', 'COEUR'],
    ['NOËL', 'NOEL'],
  ])('%s → %s', (text, expected) => expect(normaliseText(text)).toBe(expected));
});

describe('compactName: compound names written differently compare equal', () => {
  it.each([
    ['Jean-Pierre', 'JEANPIERRE'],
    ['JEAN PIERRE', 'JEANPIERRE'],
    ['Jeanpierre', 'JEANPIERRE'],
    ['Marie–Hélène', 'MARIEHELENE'],
  ])('%s → %s', (text, expected) => expect(compactName(text)).toBe(expected));
});

describe('particles', () => {
  it.each([
    ['de la Fontaine', 'FONTAINE'],
    ["D'Artagnan", 'ARTAGNAN'],
    ['Le Gall', 'GALL'],
    ['du Pont', 'PONT'],
    ['Dupont', 'DUPONT'],
    ['de', 'DE'],
  ])('%s without particles → %s', (text, expected) => expect(withoutParticles(text)).toBe(expected));

  it('keeps both forms of a name with particles', () => {
    expect(familyNameForms('de la Fontaine')).toEqual(['DELAFONTAINE', 'FONTAINE']);
    expect(familyNameForms('Martin')).toEqual(['MARTIN']);
    expect(familyNameForms('  ')).toEqual([]);
  });
});

describe('phoneticKey', () => {
  it.each([
    ['Dupont', 'Dupond'],
    ['Philippe', 'Filipe'],
    ['Lefèvre', 'LEFEVRE'],
    ['Chauveau', 'Chauvaux'],
    ['Martin', 'Marttin'],
  ])('%s sounds like %s', (a, b) => expect(phoneticKey(a)).toBe(phoneticKey(b)));

  it('tells different names apart', () => {
    expect(phoneticKey('Martin')).not.toBe(phoneticKey('Bernard'));
  });
});
