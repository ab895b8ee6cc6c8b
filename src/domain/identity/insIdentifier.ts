/**
 * The national health identifier (INS, ANS "Référentiel INS") as the viewer meets it: in a launch's `patientID`
 * (`<INS>^^^&1.2.250.1.213.1.4.8&ISO`, contract §3), in the worklist's search, and among the identifiers an identity
 * service answers (ITI-83). An INS names a person, not a site's record: each site's own patient ID is found through
 * the identity service, with the INS as source identifier.
 */
import type { AssigningAuthority } from '../launch/hl7Cx.ts';
import { identifierSystemKey, sameIdentifierSystem, type PixmIdentifier } from './identifierSystem.ts';

/** The INS systems: INS-NIR, INS-NIA, the test NIR and the demonstration NIR. */
export const INS_SYSTEMS = [
  'urn:oid:1.2.250.1.213.1.4.8',
  'urn:oid:1.2.250.1.213.1.4.9',
  'urn:oid:1.2.250.1.213.1.4.10',
  'urn:oid:1.2.250.1.213.1.4.11',
] as const;

/** The INS system a worklist search means by default: INS-NIR. */
export const INS_NIR_SYSTEM = INS_SYSTEMS[0];

export function isInsSystem(system: string): boolean {
  return INS_SYSTEMS.some((ins) => sameIdentifierSystem(ins, system));
}

/** The INS system (as `urn:oid:…`) an HL7 CX assigning authority names by its universal ID, if it names one. */
export function insSystemOfAuthority(authority: AssigningAuthority): string | undefined {
  const { universalId, universalIdType } = authority;
  if (universalId === undefined || (universalIdType !== undefined && universalIdType.toUpperCase() !== 'ISO')) return undefined;
  return INS_SYSTEMS.find((system) => identifierSystemKey(system) === identifierSystemKey(universalId));
}

/**
 * Why a value cannot be an INS, or `undefined`: 13 characters of NIR or NIA (sex, year, month, department — `2A`
 * and `2B` for Corsica —, commune, order) and its 2-digit key, 97 minus the number modulo 97 (Corsica's `2A` and
 * `2B` counted as 19 and 18).
 */
export function insValueProblem(value: string): string | undefined {
  if (!/^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$/.test(value)) return 'is not 15 characters of an INS (13 of NIR and a 2-digit key)';
  const body = value.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = 97 - Number(BigInt(body) % 97n);
  return key === Number(value.slice(13)) ? undefined : 'has a key that does not match (a mistyped INS)';
}

/** The INS among identifiers (an identity service's answer), if any. */
export function insAmong(identifiers: readonly PixmIdentifier[]): PixmIdentifier | undefined {
  return identifiers.find((identifier) => isInsSystem(identifier.system));
}

/** The worklist's `patientIdSite` value for an INS search in `system`: `ins:<OID>`. */
export function insSearchSite(system: string): string {
  return `ins:${identifierSystemKey(system)}`;
}

/** The INS system a worklist `patientIdSite` value names (`ins:<OID>`, or `ins` for INS-NIR), if it names one. */
export function insSystemOfSearchSite(site: string): string | undefined {
  if (site === 'ins') return INS_NIR_SYSTEM;
  if (!site.startsWith('ins:')) return undefined;
  const oid = site.slice('ins:'.length);
  return INS_SYSTEMS.find((system) => identifierSystemKey(system) === oid);
}
