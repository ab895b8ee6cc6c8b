/**
 * FHIR R4 Patient resources in and out of the identity manager (IHE ITI-104 feeds, ITI-78 answers). In: the traits
 * of the fed identifier's record, the INS among its identifiers, and a merge (`link` of type `replaced-by`, ITI TF-2
 * §3.104.4.1.2). Out: a stored record as a Patient. French practice (FHIR FR Core) is followed for the names: the
 * birth name is the `official` (or `maiden`) name, the used name the `usual` one.
 */
import type { JsonObject } from '../db/databaseSchema.ts';
import type { StoredIdentityRecord } from '../db/identityStore.ts';
import { canonicalSystem, isInsSystem, type RecordIdentifier, type RecordTraits, type Sex } from './patientTraits.ts';

export type FedPatient =
  | { ok: true; traits: RecordTraits; replacedBy?: RecordIdentifier }
  | { ok: false; diagnostics: string };

const SEXES: readonly Sex[] = ['male', 'female', 'other', 'unknown'];
const BIRTH_DATE = /^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function identifierOf(value: unknown): RecordIdentifier | undefined {
  if (!isRecord(value)) return undefined;
  const system = text(value.system);
  const identifierValue = text(value.value);
  return system !== undefined && identifierValue !== undefined ? { system: canonicalSystem(system), value: identifierValue } : undefined;
}

/** `Patient?identifier=system|value` or a logical reference, as ITI-104 lets a merge name the surviving patient. */
function referencedIdentifier(reference: unknown): RecordIdentifier | undefined {
  const value = text(reference);
  const match = value === undefined ? null : /^Patient\?identifier=(.+)$/.exec(value);
  if (!match) return undefined;
  const token = decodeURIComponent(match[1] ?? '');
  const bar = token.indexOf('|');
  if (bar <= 0 || bar === token.length - 1) return undefined;
  return { system: canonicalSystem(token.slice(0, bar)), value: token.slice(bar + 1) };
}

/** A FHIR search token `system|value` (both parts required) as an identifier, or why not. */
export function parseIdentifierToken(token: string | null | undefined): RecordIdentifier | undefined {
  if (token === null || token === undefined) return undefined;
  const bar = token.indexOf('|');
  if (bar < 0) return undefined;
  const system = token.slice(0, bar).trim();
  const value = token.slice(bar + 1).trim();
  return system !== '' && value !== '' ? { system: canonicalSystem(system), value } : undefined;
}

/** Reads a fed Patient resource for the record `identifier` names. */
export function readFedPatient(body: unknown, identifier: RecordIdentifier): FedPatient {
  if (!isRecord(body) || body.resourceType !== 'Patient') return { ok: false, diagnostics: 'the body must be a FHIR Patient resource' };
  const identifiers = (Array.isArray(body.identifier) ? body.identifier : []).map(identifierOf);
  if (identifiers.some((candidate) => candidate === undefined)) return { ok: false, diagnostics: 'Patient.identifier: each identifier needs a system and a value' };
  const listed = identifiers as RecordIdentifier[];
  const local = listed.filter((candidate) => !isInsSystem(candidate.system));
  if (local.length > 0 && !local.some((candidate) => candidate.system === identifier.system && candidate.value === identifier.value)) {
    return { ok: false, diagnostics: `Patient.identifier does not hold ${identifier.system}|${identifier.value}, the identifier of the request` };
  }
  const insList = listed.filter((candidate) => isInsSystem(candidate.system));
  if (new Set(insList.map((ins) => `${ins.system}|${ins.value}`)).size > 1) return { ok: false, diagnostics: 'Patient.identifier holds more than one INS' };

  const names = (Array.isArray(body.name) ? body.name : []).filter(isRecord);
  const byUse = (use: string) => names.find((name) => name.use === use);
  const birth = byUse('maiden') ?? byUse('official') ?? names.find((name) => name.use === undefined) ?? (names.length === 1 ? names[0] : undefined);
  const usual = byUse('usual') ?? (byUse('maiden') ? byUse('official') : undefined);
  const givenOf = (name: Record<string, unknown> | undefined) => (Array.isArray(name?.given) ? name.given.map(text).filter((given): given is string => given !== undefined) : []);
  const givenNames = givenOf(birth).length > 0 ? givenOf(birth) : givenOf(usual);
  const birthName = text(birth?.family) ?? null;
  const usedName = usual && usual !== birth ? (text(usual.family) ?? null) : null;

  const gender = body.gender;
  if (gender !== undefined && !SEXES.includes(gender as Sex)) return { ok: false, diagnostics: 'Patient.gender must be male, female, other or unknown' };
  const birthDate = body.birthDate;
  if (birthDate !== undefined && (typeof birthDate !== 'string' || !BIRTH_DATE.test(birthDate))) return { ok: false, diagnostics: 'Patient.birthDate must be YYYY, YYYY-MM or YYYY-MM-DD' };

  const links = (Array.isArray(body.link) ? body.link : []).filter(isRecord).filter((link) => link.type === 'replaced-by');
  let replacedBy: RecordIdentifier | undefined;
  if (links.length > 1) return { ok: false, diagnostics: 'Patient.link: at most one replaced-by link' };
  const link = links[0];
  if (link) {
    const other = isRecord(link.other) ? link.other : {};
    replacedBy = identifierOf(other.identifier) ?? referencedIdentifier(other.reference);
    if (!replacedBy) return { ok: false, diagnostics: 'Patient.link (replaced-by): other must name the surviving patient by identifier (system and value)' };
  }

  const ins = insList[0];
  return {
    ok: true,
    traits: {
      birthName,
      usedName,
      givenNames,
      birthDate: typeof birthDate === 'string' ? birthDate : null,
      sex: (gender as Sex | undefined) ?? null,
      ins: ins ?? null,
    },
    ...(replacedBy ? { replacedBy } : {}),
  };
}

/** A stored record as a FHIR Patient (its logical id is the record's id). */
export function patientResource(record: StoredIdentityRecord): JsonObject {
  const { traits } = record;
  const identifier: JsonObject[] = [{ use: 'usual', system: record.identifier.system, value: record.identifier.value }];
  if (traits.ins) identifier.push({ use: 'official', system: traits.ins.system, value: traits.ins.value });
  const name: JsonObject[] = [];
  if (traits.birthName !== null || traits.givenNames.length > 0) {
    name.push({ use: 'official', ...(traits.birthName !== null ? { family: traits.birthName } : {}), ...(traits.givenNames.length > 0 ? { given: traits.givenNames } : {}) });
  }
  if (traits.usedName !== null) name.push({ use: 'usual', family: traits.usedName });
  return {
    resourceType: 'Patient',
    id: record.id,
    meta: { lastUpdated: record.updatedAt.toISOString() },
    identifier,
    active: !record.deleted,
    ...(name.length > 0 ? { name } : {}),
    ...(traits.sex !== null ? { gender: traits.sex } : {}),
    ...(traits.birthDate !== null ? { birthDate: traits.birthDate } : {}),
  };
}
