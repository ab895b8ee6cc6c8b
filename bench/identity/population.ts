/**
 * The synthetic population: people with their true identity, and the records three sites hold of them, written with
 * the errors identity-vigilance teams meet (typos, lost accents, compound names written differently, birth against
 * married name, day and month swapped, missing fields), plus twins, homonyms and a share carrying the INS.
 *
 * Every draw comes from one seeded generator: the same seed gives the same population.
 */
import type { Ins, PatientRecord, Sex } from '../../server/identity/matching/patientRecord.ts';
import type { Random } from './random.ts';
import { commonFamilyNames, familySyllables, femaleGivenNames, maleGivenNames } from './syntheticNames.ts';

export interface Person {
  id: number;
  sex: 'M' | 'F';
  birthFamilyName: string;
  usedFamilyName?: string;
  givenNames: string[];
  birthDate: string;
  birthPlace: string;
  ins?: string;
  /** The other twin's id. */
  twinOf?: number;
}

export interface TruthRecord {
  record: PatientRecord;
  personId: number;
}

export interface ErrorModel {
  familyTypo: number;
  givenTypo: number;
  dayMonthSwap: number;
  dateTypo: number;
  missingDate: number;
  partialDate: number;
  missingGiven: number;
  unknownSex: number;
  compoundWritten: number;
  particleJoined: number;
  firstGivenOnly: number;
  givenOrderSwapped: number;
  usedNameOnly: number;
  birthNameOnly: number;
  birthPlaceKnown: number;
  /** Share of people with an INS, and of their records carrying it. */
  insPeople: number;
  insRecord: number;
  /** Share of INS records whose traits were not copied from the national registry (so can carry the errors above). */
  insUnqualified: number;
  twins: number;
  homonyms: number;
}

export const defaultErrorModel: ErrorModel = {
  familyTypo: 0.01,
  givenTypo: 0.008,
  dayMonthSwap: 0.01,
  dateTypo: 0.004,
  missingDate: 0.003,
  partialDate: 0.003,
  missingGiven: 0.003,
  unknownSex: 0.01,
  compoundWritten: 0.35,
  particleJoined: 0.3,
  firstGivenOnly: 0.5,
  givenOrderSwapped: 0.01,
  usedNameOnly: 0.15,
  birthNameOnly: 0.25,
  birthPlaceKnown: 0.4,
  insPeople: 0.4,
  insRecord: 0.7,
  insUnqualified: 0.05,
  twins: 0.01,
  homonyms: 0.01,
};

/** The three sites: identifier system and how each writes names. */
export const sites = [
  { system: 'urn:oid:1.2.250.1.999.1.1', style: 'upper-plain' },
  { system: 'urn:oid:1.2.250.1.999.2.1', style: 'title-accents' },
  { system: 'urn:oid:1.2.250.1.999.3.1', style: 'upper-accents' },
] as const;

const INS_SYSTEM = 'urn:oid:1.2.250.1.213.1.4.8';

function madeUpFamilyName(random: Random): string {
  return random.pick(familySyllables.start) + random.pick(familySyllables.middle) + random.pick(familySyllables.end);
}

function familyName(random: Random): string {
  return random.chance(0.45) ? random.zipf(commonFamilyNames, 0.8) : madeUpFamilyName(random);
}

function givenNames(random: Random, sex: 'M' | 'F', count: number): string[] {
  const list = sex === 'M' ? maleGivenNames : femaleGivenNames;
  const names: string[] = [];
  while (names.length < count) {
    const name = random.zipf(list, 0.7);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function birthDate(random: Random): string {
  const start = Date.UTC(1930, 0, 1);
  const end = Date.UTC(2024, 11, 31);
  return new Date(start + random.next() * (end - start)).toISOString().slice(0, 10);
}

function insValue(random: Random, sex: 'M' | 'F', date: string): string {
  const digits = Array.from({ length: 8 }, () => random.int(10)).join('');
  return `${sex === 'M' ? 1 : 2}${date.slice(2, 4)}${date.slice(5, 7)}${digits}`;
}

/** `count` people, twins and homonyms among them, each with an adult married woman's used name drawn now and then. */
export function generatePeople(random: Random, count: number, model: ErrorModel = defaultErrorModel): Person[] {
  const people: Person[] = [];
  const usedName = (person: Person) => {
    const adult = Number(person.birthDate.slice(0, 4)) < 2000;
    if (person.sex === 'F' && adult && random.chance(0.5)) person.usedFamilyName = familyName(random);
  };
  const withIns = (person: Person) => {
    if (random.chance(model.insPeople)) person.ins = insValue(random, person.sex, person.birthDate);
  };
  while (people.length < count) {
    const sex = random.chance(0.5) ? 'M' : 'F';
    const person: Person = {
      id: people.length,
      sex,
      birthFamilyName: familyName(random),
      givenNames: givenNames(random, sex, 1 + random.int(3)),
      birthDate: birthDate(random),
      birthPlace: String(10000 + random.int(90000)),
    };
    usedName(person);
    withIns(person);
    people.push(person);
    if (people.length < count && random.chance(model.twins)) {
      const twinSex = random.chance(0.5) ? 'M' : 'F';
      let names = givenNames(random, twinSex, 1 + random.int(3));
      while (names[0] === person.givenNames[0]) names = givenNames(random, twinSex, 1 + random.int(3));
      const twin: Person = { ...person, id: people.length, sex: twinSex, givenNames: names, twinOf: person.id };
      delete twin.usedFamilyName;
      delete twin.ins;
      usedName(twin);
      withIns(twin);
      person.twinOf = twin.id;
      people.push(twin);
    }
    if (people.length < count && random.chance(model.homonyms)) {
      const homonym: Person = { ...person, id: people.length, birthDate: birthDate(random), birthPlace: String(10000 + random.int(90000)) };
      delete homonym.twinOf;
      delete homonym.ins;
      withIns(homonym);
      people.push(homonym);
    }
  }
  return people;
}

function typo(random: Random, text: string): string {
  if (text.length < 2) return text;
  const at = 1 + random.int(text.length - 1);
  const letter = String.fromCharCode(65 + random.int(26));
  switch (random.int(4)) {
    case 0:
      return text.slice(0, at) + letter + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + letter + text.slice(at);
    default:
      return at + 1 < text.length ? text.slice(0, at) + (text[at + 1] ?? '') + (text[at] ?? '') + text.slice(at + 2) : text;
  }
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

function styled(style: (typeof sites)[number]['style'], text: string): string {
  if (style === 'upper-plain') return stripAccents(text).toUpperCase();
  if (style === 'upper-accents') return text.toUpperCase();
  return text.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

function compoundVariant(random: Random, model: ErrorModel, name: string): string {
  if (!/[- ]/.test(name) || !random.chance(model.compoundWritten)) return name;
  return random.chance(0.8) ? name.replace(/[- ]/g, name.includes('-') ? ' ' : '-') : name.replace(/[- ]/g, '');
}

function particleVariant(random: Random, model: ErrorModel, name: string): string {
  return /^(DE LA|DU|DE|LE|D') ?/.test(name) && random.chance(model.particleJoined) ? name.replace(/[ ']/g, '') : name;
}

function recordDate(random: Random, model: ErrorModel, date: string): string | undefined {
  if (random.chance(model.missingDate)) return undefined;
  if (random.chance(model.partialDate)) return date.slice(0, 4);
  const [year, month, day] = date.split('-') as [string, string, string];
  if (Number(day) <= 12 && day !== month && random.chance(model.dayMonthSwap)) return `${year}-${day}-${month}`;
  if (random.chance(model.dateTypo)) {
    const digits = `${year}${month}${day}`.split('');
    const at = 2 + random.int(6);
    digits[at] = String((Number(digits[at]) + 1 + random.int(8)) % 10);
    const typed = digits.join('');
    const candidate = `${typed.slice(0, 4)}-${typed.slice(4, 6)}-${typed.slice(6, 8)}`;
    if (!Number.isNaN(Date.parse(candidate))) return candidate;
  }
  return date;
}

/** One site's record of a person, with the error model applied (qualified INS records keep the registry's traits). */
export function siteRecord(random: Random, person: Person, siteIndex: number, model: ErrorModel = defaultErrorModel): PatientRecord {
  const site = sites[siteIndex] as (typeof sites)[number];
  const value = `P${siteIndex + 1}${String(person.id).padStart(7, '0')}${random.int(10)}`;
  const ins: Ins | undefined = person.ins && random.chance(model.insRecord) ? { system: INS_SYSTEM, value: person.ins, status: 'qualified' } : undefined;
  if (ins && !random.chance(model.insUnqualified)) {
    return {
      system: site.system,
      value,
      ins,
      birthFamilyName: stripAccents(person.birthFamilyName).toUpperCase(),
      ...(person.usedFamilyName ? { usedFamilyName: stripAccents(person.usedFamilyName).toUpperCase() } : {}),
      givenNames: person.givenNames.map((name) => stripAccents(name).toUpperCase()),
      firstGivenName: stripAccents(person.givenNames[0] ?? '').toUpperCase(),
      birthDate: person.birthDate,
      sex: person.sex,
      birthPlace: person.birthPlace,
    };
  }
  const write = (name: string, typoRate: number) => {
    const written = styled(site.style, compoundVariant(random, model, particleVariant(random, model, name)));
    return random.chance(typoRate) ? typo(random, written) : written;
  };
  let birthFamilyName: string | undefined = write(person.birthFamilyName, model.familyTypo);
  let usedFamilyName: string | undefined = person.usedFamilyName ? write(person.usedFamilyName, model.familyTypo) : undefined;
  if (usedFamilyName) {
    if (random.chance(model.usedNameOnly)) birthFamilyName = undefined;
    else if (random.chance(model.birthNameOnly)) usedFamilyName = undefined;
  }
  let given = random.chance(model.firstGivenOnly) ? person.givenNames.slice(0, 1) : [...person.givenNames];
  if (given.length > 1 && random.chance(model.givenOrderSwapped)) given = [given[1] as string, given[0] as string, ...given.slice(2)];
  given = given.map((name, index) => (index === 0 ? write(name, model.givenTypo) : write(name, 0)));
  if (random.chance(model.missingGiven)) given = [];
  const date = recordDate(random, model, person.birthDate);
  const sex: Sex = random.chance(model.unknownSex) ? 'U' : person.sex;
  return {
    system: site.system,
    value,
    ...(ins ? { ins: { ...ins, status: 'recovered' as const } } : {}),
    ...(birthFamilyName ? { birthFamilyName } : {}),
    ...(usedFamilyName ? { usedFamilyName } : {}),
    givenNames: given,
    ...(date ? { birthDate: date } : {}),
    sex,
    ...(random.chance(model.birthPlaceKnown) ? { birthPlace: person.birthPlace } : {}),
  };
}

/** Each person at one to three of the sites, with the truth kept beside each record (never shown to the matcher). */
export function generateRecords(random: Random, people: readonly Person[], model: ErrorModel = defaultErrorModel): TruthRecord[] {
  const out: TruthRecord[] = [];
  for (const person of people) {
    const count = 1 + random.int(3);
    const order = [0, 1, 2];
    for (let i = order.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const chosen = order.slice(0, count).sort();
    for (const siteIndex of chosen) out.push({ record: siteRecord(random, person, siteIndex, model), personId: person.id });
  }
  return out;
}
