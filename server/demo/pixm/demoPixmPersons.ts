/**
 * The demo PIX Manager's cross-reference table in the shape the PIXm service takes: each demo person with the
 * patient identifier every site knows them by, as FHIR identifiers whose system is that site's patient
 * identifier domain (IHE ITI TF-2 §3.83.4.1.2.1, the assigning authority as a URI).
 */
import { demoPersons, demoSite } from '../demoSites.ts';
import type { PixmPerson } from './pixmCrossReference.ts';

export function demoPixmPersons(): PixmPerson[] {
  return demoPersons.map((person) => ({
    identifiers: person.identifiers.map((identifier) => ({ system: demoSite(identifier.site).patientIdSystem, value: identifier.patientId })),
  }));
}
