/**
 * The identity that goes with an INS, as the patient's banner shows it: the strict traits of the Référentiel
 * national d'identitovigilance (birth name, first given name and the given names, birth date, sex), read from the
 * identity manager's ITI-78 (PDQm) answer for the INS (`GET Patient?identifier=<system>|<value>`, a searchset
 * Bundle). The birth name is the `official` (or `maiden`) name, as FHIR FR Core has it.
 */
import { sameIdentifier, type PixmIdentifier } from './identifierSystem.ts';

export interface InsIdentity {
  ins: PixmIdentifier;
  birthName?: string;
  givenNames: string[];
  /** `YYYY-MM-DD` (or a partial date, as the service holds it). */
  birthDate?: string;
  sex?: 'male' | 'female' | 'other' | 'unknown';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function holdsIns(patient: Record<string, unknown>, ins: PixmIdentifier): boolean {
  const identifiers = Array.isArray(patient.identifier) ? patient.identifier.filter(isRecord) : [];
  return identifiers.some((identifier) => {
    const system = text(identifier.system);
    const value = text(identifier.value);
    return system !== undefined && value !== undefined && sameIdentifier({ system, value }, ins);
  });
}

/**
 * The strict traits of the first Patient of the Bundle that carries the INS; `undefined` when none does or the
 * answer is not a Bundle. Never throws.
 */
export function insIdentityFromBundle(body: unknown, ins: PixmIdentifier): InsIdentity | undefined {
  if (!isRecord(body) || body.resourceType !== 'Bundle' || !Array.isArray(body.entry)) return undefined;
  const patient = body.entry
    .filter(isRecord)
    .map((entry) => entry.resource)
    .filter(isRecord)
    .find((resource) => resource.resourceType === 'Patient' && holdsIns(resource, ins));
  if (!patient) return undefined;
  const names = Array.isArray(patient.name) ? patient.name.filter(isRecord) : [];
  const birth = names.find((name) => name.use === 'maiden') ?? names.find((name) => name.use === 'official') ?? names.find((name) => name.use === undefined);
  const givenNames = Array.isArray(birth?.given) ? birth.given.map(text).filter((given) => given !== undefined) : [];
  const birthName = text(birth?.family);
  const birthDate = text(patient.birthDate);
  const gender = text(patient.gender);
  const sex = gender === 'male' || gender === 'female' || gender === 'other' || gender === 'unknown' ? gender : undefined;
  return { ins, givenNames, ...(birthName !== undefined ? { birthName } : {}), ...(birthDate !== undefined ? { birthDate } : {}), ...(sex !== undefined ? { sex } : {}) };
}
