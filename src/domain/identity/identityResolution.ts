/**
 * From a patient found at one site to the same person's identifiers at the other sites, through IHE PIXm
 * (ITI-83). A site's patient IDs belong to the identifier domain named by its `issuerOfPatientId` (DICOM
 * Issuer of Patient ID, 0010,0021) and its `patientIdSystem` (the FHIR identifier system). Identifiers returned
 * by PIXm are mapped to sites through `patientIdSystem` only: never by equal ID strings, never by names.
 */
import type { PublicSite } from '../config/publicConfig.ts';
import { asSiteId, type SiteId } from '../dicom/identifiers.ts';
import { sameIdentifierSystem, type PixmIdentifier } from './identifierSystem.ts';
import type { PixmResult } from './pixmResult.ts';

/** What identity resolution needs to know of a site. */
export type IdentityDomainSite = Pick<PublicSite, 'id' | 'issuerOfPatientId' | 'patientIdSystem'>;

/** A patient as an archive returned it: the site, the Patient ID (0010,0020) and the study's issuer, if any. */
export interface FoundPatient {
  siteId: string;
  patientId: string;
  issuerOfPatientId?: string;
}

/** A patient ID within a site's own identifier domain. */
export interface SitePatient {
  siteId: SiteId;
  patientId: string;
  issuerOfPatientId: string;
}

/** Why a found patient cannot be looked up in the identity service. */
export type NotLinkableReason = 'unknown-site' | 'missing-patient-id' | 'missing-issuer' | 'issuer-mismatch';

/** The ITI-83 source identifier of a found patient, or why there is none. */
export type PixmSource =
  | { ok: true; patient: SitePatient; source: PixmIdentifier }
  | { ok: false; reason: NotLinkableReason; detail: string };

/** The identity of a found patient across sites. */
export type IdentityResolution =
  /** The identity service links the patient to these identifiers at (other or the same) sites. */
  | { kind: 'linked'; patient: SitePatient; others: SitePatient[]; ignored: PixmIdentifier[] }
  /** The identity service knows no other identifier of the patient in a configured domain. */
  | { kind: 'alone'; patient: SitePatient; why: 'no-links' | 'unknown-patient'; ignored: PixmIdentifier[] }
  /** The patient's own identifier is not trustworthy enough to be looked up (fail closed). */
  | { kind: 'not-linkable'; patient: FoundPatient; reason: NotLinkableReason; detail: string }
  /** The identity service is not configured, failed to answer, or refused the query (fail closed). */
  | { kind: 'unavailable'; patient: SitePatient; cause: UnavailableCause; reason: string };

/**
 * Why the identity service gave no answer about a patient: none is configured; it refused the identifier
 * domain of the query (ITI-83 400 or 403, `unknown-domain`); or it failed (unreachable, timeout, an error).
 */
export type UnavailableCause = 'not-configured' | 'unknown-domain' | 'failed';

/**
 * The source identifier to query for a found patient. The study must carry Issuer of Patient ID, equal to the
 * site's configured `issuerOfPatientId`: without it, the Patient ID could belong to any domain (an archive may
 * also hold copies of other hospitals' studies), and linking it would risk merging two people.
 */
export function pixmSourceFor(sites: readonly IdentityDomainSite[], found: FoundPatient): PixmSource {
  const site = sites.find((candidate) => candidate.id === found.siteId);
  const siteId = asSiteId(found.siteId);
  if (site === undefined || siteId === undefined) {
    return { ok: false, reason: 'unknown-site', detail: `site "${found.siteId}" is not configured` };
  }
  const patientId = found.patientId.trim();
  if (patientId === '') return { ok: false, reason: 'missing-patient-id', detail: 'the study has no Patient ID' };
  const issuer = found.issuerOfPatientId?.trim() ?? '';
  if (issuer === '') {
    return { ok: false, reason: 'missing-issuer', detail: `the study has no Issuer of Patient ID (site ${site.id} expects "${site.issuerOfPatientId}")` };
  }
  if (issuer !== site.issuerOfPatientId) {
    return {
      ok: false,
      reason: 'issuer-mismatch',
      detail: `the study's Issuer of Patient ID is "${issuer}", site ${site.id} expects "${site.issuerOfPatientId}"`,
    };
  }
  return {
    ok: true,
    patient: { siteId, patientId, issuerOfPatientId: site.issuerOfPatientId },
    source: { system: site.patientIdSystem, value: patientId },
  };
}

/** The identifier systems of the configured sites, to pass as `knownSystems` when reading an ITI-83 answer. */
export function configuredSystems(sites: readonly IdentityDomainSite[]): string[] {
  return sites.map((site) => site.patientIdSystem);
}

/** The site patient an identifier stands for, when its system is a configured site's `patientIdSystem`. */
export function sitePatientOf(sites: readonly IdentityDomainSite[], identifier: PixmIdentifier): SitePatient | undefined {
  const site = sites.find((candidate) => sameIdentifierSystem(candidate.patientIdSystem, identifier.system));
  const siteId = asSiteId(site?.id);
  if (site === undefined || siteId === undefined) return undefined;
  return { siteId, patientId: identifier.value, issuerOfPatientId: site.issuerOfPatientId };
}

/**
 * Resolves a found patient's identity from the ITI-83 result (`undefined`: no identity service configured).
 * Identifiers in systems of no configured site are reported in `ignored`; the patient's own identifier is never
 * among `others`.
 */
export function resolveIdentity(
  sites: readonly IdentityDomainSite[],
  found: FoundPatient,
  pixm: PixmResult | undefined,
): IdentityResolution {
  const source = pixmSourceFor(sites, found);
  if (!source.ok) return { kind: 'not-linkable', patient: found, reason: source.reason, detail: source.detail };
  const { patient } = source;
  if (pixm === undefined) return { kind: 'unavailable', patient, cause: 'not-configured', reason: 'no identity service is configured' };
  switch (pixm.kind) {
    case 'linked': {
      const others: SitePatient[] = [];
      const ignored = [...pixm.ignored];
      for (const identifier of pixm.identifiers) {
        const other = sitePatientOf(sites, identifier);
        if (other === undefined) ignored.push(identifier);
        else if (
          !(other.siteId === patient.siteId && other.patientId === patient.patientId) &&
          !others.some((seen) => seen.siteId === other.siteId && seen.patientId === other.patientId)
        ) {
          others.push(other);
        }
      }
      return others.length > 0 ? { kind: 'linked', patient, others, ignored } : { kind: 'alone', patient, why: 'no-links', ignored };
    }
    case 'no-links':
      return { kind: 'alone', patient, why: 'no-links', ignored: pixm.ignored };
    case 'unknown-patient':
      return { kind: 'alone', patient, why: 'unknown-patient', ignored: [] };
    case 'unknown-domain':
      return { kind: 'unavailable', patient, cause: 'unknown-domain', reason: `the identity service refused the identifier domain: ${pixm.detail}` };
    case 'failed':
      return { kind: 'unavailable', patient, cause: 'failed', reason: pixm.reason };
  }
}

/** The (site, patient ID) pairs to search next: the other identifiers of a linked patient, none otherwise. */
export function patientsToQueryElsewhere(resolution: IdentityResolution): SitePatient[] {
  return resolution.kind === 'linked' ? resolution.others : [];
}
