/**
 * The FHIR R4 resources the identity manager answers with besides Patient: OperationOutcome (R4 §2.36; the issue
 * codes ITI-83 names, ITI TF-2 §3.83.4.2.3), the ITI-83 `Parameters` (§3.83.4.2.2), a `searchset` Bundle (ITI-78,
 * §3.78.4.1.3) and the CapabilityStatement (`GET [base]/metadata`).
 */
import type { JsonObject } from '../db/databaseSchema.ts';
import type { RecordIdentifier } from './patientTraits.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export type IssueCode = 'invalid' | 'code-invalid' | 'not-found' | 'forbidden' | 'security' | 'login' | 'processing' | 'not-supported' | 'exception' | 'transient' | 'informational';

export function operationOutcome(code: IssueCode, diagnostics: string, severity: 'error' | 'information' = 'error'): JsonObject {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}

/** The ITI-83 answer: one `targetIdentifier` per identifier of the person in the other domains, and `targetId`s. */
export function pixParameters(targetIdentifiers: readonly RecordIdentifier[], targetIds: readonly string[]): JsonObject {
  const parameter: JsonObject[] = [
    ...targetIdentifiers.map((identifier) => ({ name: 'targetIdentifier', valueIdentifier: { use: 'official', system: identifier.system, value: identifier.value } })),
    ...targetIds.map((id) => ({ name: 'targetId', valueReference: { reference: `Patient/${id}` } })),
  ];
  return parameter.length > 0 ? { resourceType: 'Parameters', parameter } : { resourceType: 'Parameters' };
}

export function searchsetBundle(baseUrl: string, patients: readonly JsonObject[], selfUrl: string): JsonObject {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: patients.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: patients.map((patient) => ({ fullUrl: `${baseUrl}/Patient/${String(patient.id)}`, resource: patient, search: { mode: 'match' } })),
  };
}

const PDQM_PARAMETERS = ['family', 'given', 'birthdate', 'gender', 'identifier'];

export function capabilityStatement(baseUrl: string): JsonObject {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-01',
    kind: 'instance',
    instantiates: [
      'https://profiles.ihe.net/ITI/PIXm/CapabilityStatement/IHE.PIXm.Manager',
      'https://profiles.ihe.net/ITI/PDQm/CapabilityStatement/IHE.PDQm.Supplier',
    ],
    software: { name: 'Passerelle identity cross-reference manager' },
    implementation: { description: 'IHE PIXm Patient Identifier Cross-reference Manager (ITI-104, ITI-83) and PDQm Patient Demographics Supplier (ITI-78)', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'application/json'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'Feeds (ITI-104: conditional update and delete) need an OAuth 2.0 bearer token of a feeding client with the scope feed:<identifier system>; queries need a signed-in user with the clinician role.',
        },
        resource: [
          {
            type: 'Patient',
            profile: 'http://hl7.org/fhir/StructureDefinition/Patient',
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'update' }, { code: 'delete' }],
            conditionalCreate: true,
            conditionalUpdate: true,
            conditionalDelete: 'single',
            searchParam: PDQM_PARAMETERS.map((name) => ({ name, type: name === 'birthdate' ? 'date' : name === 'family' || name === 'given' ? 'string' : 'token' })),
            operation: [{ name: 'ihe-pix', definition: 'https://profiles.ihe.net/ITI/PIXm/OperationDefinition/IHE.PIXm.pix' }],
          },
        ],
      },
    ],
  };
}
