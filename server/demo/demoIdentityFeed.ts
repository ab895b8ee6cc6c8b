/**
 * The demo's patients as each site's feeding system (`flux-chu`, `flux-cgfl`) would send them (ITI-104), from the
 * demo catalogue's traits (the qualified identity its patient administration holds: `givenNames`, the INS): what the
 * tests of the identity feed send (e2e/identityManager.spec.ts). The manager links them by its own matching, exactly
 * as it would a real feed: nothing here says who is who.
 *
 * The embedded demo itself does not feed them: its identity manager learns the same patients from the demo archives
 * with its harvest (startDemo.ts), as a deployment without feeds does; demoHarvest.test.ts checks that both ways
 * give the same persons.
 */
import type { JsonObject } from '../db/databaseSchema.ts';
import type { IdentityManager } from '../identity/identityManager.ts';
import type { RecordIdentifier, RecordTraits, Sex } from '../identity/patientTraits.ts';
import { demoSite, type DemoSiteKey } from './demoSites.ts';
import { demoInsSystem, demoPatients, type DemoPatient } from './generate/demoCatalog.ts';

/** The client id of each demo site's feeding system at the demo OpenID provider (server/demo/idp). */
export const DEMO_FEEDING_CLIENTS: Readonly<Record<DemoSiteKey, string>> = { chu: 'flux-chu', cgfl: 'flux-cgfl' };

/** One patient record as a site's feeding system sends it. */
export interface DemoIdentityFeed {
  site: DemoSiteKey;
  feedingClient: string;
  identifier: RecordIdentifier;
  traits: RecordTraits;
}

const SEX: Readonly<Record<DemoPatient['sex'], Sex>> = { F: 'female', M: 'male', O: 'other' };

/** `YYYYMMDD` (DICOM DA) as `YYYY-MM-DD`. */
function isoDate(date: string): string {
  return `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
}

/** Family name and given names of a DICOM PN's first component group (`FAMILY^GIVEN^MIDDLE`). */
function nameParts(personName: string): { family: string; given: string[] } {
  const [family = '', given = '', middle = ''] = (personName.split('=')[0] ?? '').split('^');
  return { family, given: [given, ...middle.split(' ')].map((part) => part.trim()).filter((part) => part !== '') };
}

/** The traits a site's patient administration holds for a demo patient: birth and used names, given names, INS. */
export function demoPatientTraits(patient: DemoPatient): RecordTraits {
  const shown = nameParts(patient.name);
  const birth = patient.birthName !== undefined ? nameParts(patient.birthName) : shown;
  return {
    birthName: birth.family,
    usedName: patient.birthName !== undefined ? shown.family : null,
    givenNames: patient.givenNames !== undefined ? [...patient.givenNames] : birth.given,
    birthDate: isoDate(patient.birthDate),
    sex: SEX[patient.sex],
    ins: patient.ins ? { system: demoInsSystem, value: patient.ins.value } : null,
  };
}

/** Every demo patient, as its site's feed sends it. */
export function demoIdentityFeeds(): DemoIdentityFeed[] {
  return demoPatients().map((patient) => ({
    site: patient.site,
    feedingClient: DEMO_FEEDING_CLIENTS[patient.site],
    identifier: { system: demoSite(patient.site).patientIdSystem, value: patient.patientId },
    traits: demoPatientTraits(patient),
  }));
}

/**
 * The FHIR Patient a feeding system PUTs for a demo patient (ITI-104): the site's identifier, the INS when known,
 * the birth name as `official`, the used name as `usual` (FHIR FR Core).
 */
export function demoPatientResource(feed: DemoIdentityFeed): JsonObject {
  const { traits } = feed;
  return {
    resourceType: 'Patient',
    identifier: [{ ...feed.identifier }, ...(traits.ins ? [{ ...traits.ins }] : [])],
    name: [
      { use: 'official', family: traits.birthName, given: traits.givenNames },
      ...(traits.usedName !== null ? [{ use: 'usual', family: traits.usedName, given: traits.givenNames }] : []),
    ],
    gender: traits.sex,
    birthDate: traits.birthDate,
  };
}

/** Feeds every demo patient into the manager, as each site's feeding system; answers how many records it holds. */
export async function feedDemoIdentities(manager: IdentityManager): Promise<number> {
  const feeds = demoIdentityFeeds();
  for (const feed of feeds) await manager.feed(feed.identifier, feed.traits, feed.feedingClient, demoPatientResource(feed));
  return feeds.length;
}
