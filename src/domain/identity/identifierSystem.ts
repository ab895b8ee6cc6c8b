/**
 * FHIR identifiers as IHE PIXm (ITI-83) exchanges them: a `system` (the patient identifier domain, a URI such
 * as `urn:oid:1.2.250.1.999.1.1`) and a `value` (the patient ID within that domain).
 */

/** A patient identifier: FHIR `Identifier.system` and `Identifier.value`. */
export interface PixmIdentifier {
  system: string;
  value: string;
}

/**
 * The comparison form of an identifier system: trimmed, and for OIDs without the `urn:oid:` prefix (RFC 3001),
 * which some services drop: `urn:oid:1.2.3` and `1.2.3` name the same domain. Other URIs compare exactly.
 */
export function identifierSystemKey(system: string): string {
  const trimmed = system.trim();
  const oid = /^urn:oid:([0-9.]+)$/i.exec(trimmed);
  return oid?.[1] ?? trimmed;
}

/** Whether two identifier systems name the same domain (see {@link identifierSystemKey}). */
export function sameIdentifierSystem(a: string, b: string): boolean {
  return identifierSystemKey(a) === identifierSystemKey(b);
}

/** Whether two identifiers are the same: same domain, same value (exactly; patient IDs are case-sensitive). */
export function sameIdentifier(a: PixmIdentifier, b: PixmIdentifier): boolean {
  return a.value === b.value && sameIdentifierSystem(a.system, b.system);
}
