/**
 * The FHIR R4 resources the demo PIXm service answers with: the ITI-83 response Parameters (IHE ITI TF-2
 * §3.83.4.2.2: `targetIdentifier` and `targetId` parameters), OperationOutcome for failures (§3.83.4.2.3), and a
 * CapabilityStatement for `GET [base]/metadata` (FHIR R4 RESTful API, capabilities interaction).
 */
import type { PixmIdentifier } from './pixmCrossReference.ts';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function pixParameters(targetIdentifiers: readonly PixmIdentifier[], patientId: string | undefined): object {
  const parameter: object[] = targetIdentifiers.map((identifier) => ({
    name: 'targetIdentifier',
    valueIdentifier: { use: 'official', system: identifier.system, value: identifier.value },
  }));
  if (patientId !== undefined) parameter.push({ name: 'targetId', valueReference: { reference: `Patient/${patientId}` } });
  return parameter.length > 0 ? { resourceType: 'Parameters', parameter } : { resourceType: 'Parameters' };
}

export function operationOutcome(code: string, diagnostics: string): object {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

export function capabilityStatement(baseUrl: string): object {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2024-01-01',
    kind: 'instance',
    instantiates: ['https://profiles.ihe.net/ITI/PIXm/CapabilityStatement/IHE.PIXm.Manager'],
    software: { name: 'Passerelle demo PIX Manager' },
    implementation: { description: 'Demo IHE PIXm Patient Identifier Cross-reference Manager (ITI-83)', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Patient',
            operation: [{ name: 'ihe-pix', definition: 'https://profiles.ihe.net/ITI/PIXm/OperationDefinition/IHE.PIXm.pix' }],
          },
        ],
      },
    ],
  };
}
