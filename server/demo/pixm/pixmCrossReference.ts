/**
 * The PIX Manager's answer to a Mobile Patient Identifier Cross-reference Query (IHE ITI-83, ITI TF-2 §3.83.4.1.3
 * and §3.83.4.2.3): the identifiers, in other patient identifier domains, of the person a source identifier
 * belongs to — or which of the failure cases applies:
 * - the source identifier's assigning authority (system) is not known: 400, `code-invalid`;
 * - a target system is not known: 403, `code-invalid`;
 * - the source identifier is not known in its (known) domain: 404, `not-found`.
 * A known identifier with no identifier in the requested other domains is a success with nothing to list.
 */

export interface PixmIdentifier {
  system: string;
  value: string;
}

export interface PixmPerson {
  identifiers: readonly PixmIdentifier[];
}

export type PixmAnswer =
  | { ok: true; targetIdentifiers: PixmIdentifier[]; patientId: string | undefined }
  | { ok: false; status: 400 | 403 | 404; code: 'code-invalid' | 'not-found'; diagnostics: string };

/** Systems compare equal with or without the `urn:oid:` prefix of an OID (RFC 3001). */
export function sameSystem(a: string, b: string): boolean {
  const bare = (system: string) => system.trim().replace(/^urn:oid:/i, '');
  return bare(a) === bare(b);
}

/** The logical id of the Patient resource that stands for the person at `index`. */
export function pixmPatientId(index: number): string {
  return `pixm-person-${index + 1}`;
}

export function crossReference(persons: readonly PixmPerson[], source: PixmIdentifier, targetSystems: readonly string[]): PixmAnswer {
  const known = (system: string) => persons.some((person) => person.identifiers.some((identifier) => sameSystem(identifier.system, system)));
  if (!known(source.system)) return { ok: false, status: 400, code: 'code-invalid', diagnostics: 'sourceIdentifier Assigning Authority not found' };
  const unknownTarget = targetSystems.find((system) => !known(system));
  if (unknownTarget !== undefined) return { ok: false, status: 403, code: 'code-invalid', diagnostics: 'targetSystem not found' };
  const index = persons.findIndex((person) =>
    person.identifiers.some((identifier) => sameSystem(identifier.system, source.system) && identifier.value === source.value),
  );
  const person = persons[index];
  if (!person) return { ok: false, status: 404, code: 'not-found', diagnostics: 'sourceIdentifier Patient Identifier not found' };
  const targetIdentifiers = person.identifiers.filter(
    (identifier) =>
      !sameSystem(identifier.system, source.system) &&
      (targetSystems.length === 0 || targetSystems.some((system) => sameSystem(system, identifier.system))),
  );
  return { ok: true, targetIdentifiers: targetIdentifiers.map(({ system, value }) => ({ system, value })), patientId: targetIdentifiers.length > 0 ? pixmPatientId(index) : undefined };
}
