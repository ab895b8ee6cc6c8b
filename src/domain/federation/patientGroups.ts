/**
 * Merging the studies found at every site into patient groups, one per real person: identities are joined
 * only by the links of the identity service (IHE PIXm, ITI-83) through each site's identifier domain. When the
 * identity service is unavailable, nothing is joined (fail closed): a wrong merge would show another person's
 * images as the patient's, a missed one only hides priors, and says so.
 */
import type { DicomDate } from '../dicom/dicomDate.ts';
import type { PersonNameGroups } from '../dicom/dicomJson.ts';
import type { SiteId } from '../dicom/identifiers.ts';
import { patientKeyOf, type PatientKey } from '../dicom/patientKey.ts';
import { identitovigilanceWarnings, type IdentityWarning } from '../identity/identitovigilance.ts';
import { pixmSourceFor, type IdentityDomainSite, type IdentityResolution, type SitePatient } from '../identity/identityResolution.ts';
import { connectedComponents } from './identityGraph.ts';
import type { IdentityState } from './siteState.ts';
import { compareStudiesNewestFirst, studiesNewestFirst } from './studyOrder.ts';
import type { StudySummary } from './studySummary.ts';

/** One identity of a person: a Patient ID at a site, with the demographics of its newest study. */
export interface PatientIdentity {
  siteId: SiteId;
  patientId: string;
  /** Issuer of Patient ID as the studies carry it; absent when they carry none. */
  issuerOfPatientId?: string;
  name?: PersonNameGroups;
  birthDate?: DicomDate;
  sex?: string;
  /** Studies found for this identity (0 for an identifier known only from the identity service). */
  studyCount: number;
}

/**
 * - `linked`: several identities, joined by the identity service;
 * - `single-site`: one identity, and the identity service knows no other;
 * - `unlinked-identity-unavailable`: one identity, and whether others exist could not be asked (service not
 *   configured or down, study without the site's Issuer of Patient ID, not resolved yet).
 */
export type LinkState = 'linked' | 'unlinked-identity-unavailable' | 'single-site';

/** One real person, across sites. */
export interface PatientGroup {
  key: PatientKey;
  identities: PatientIdentity[];
  /** Studies from every site, newest first. */
  studies: StudySummary[];
  warnings: IdentityWarning[];
  linkState: LinkState;
  /** Why the group is `unlinked-identity-unavailable`, in words. */
  unlinkedReasons: string[];
}

/** What the grouping works from. */
export interface PatientGroupingInput {
  sites: readonly IdentityDomainSite[];
  /** The studies every site returned. */
  studies: readonly StudySummary[];
  /** The identity resolutions made for the patients found. */
  resolutions: readonly IdentityResolution[];
  /** The identity service's state; anything but `ok` means no linking at all. */
  identityState: IdentityState;
}

function nodeKey(siteId: string, issuer: string | undefined, patientId: string): string {
  return JSON.stringify([siteId, issuer ?? '', patientId]);
}

const compareTexts = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const sitePatientNode = (patient: SitePatient) => nodeKey(patient.siteId, patient.issuerOfPatientId, patient.patientId);

interface IdentityNode {
  siteId: SiteId;
  patientId: string;
  issuerOfPatientId?: string;
  studies: StudySummary[];
}

function identityOf(node: IdentityNode): PatientIdentity {
  const newest = studiesNewestFirst(node.studies)[0];
  const identity: PatientIdentity = { siteId: node.siteId, patientId: node.patientId, studyCount: node.studies.length };
  if (node.issuerOfPatientId !== undefined) identity.issuerOfPatientId = node.issuerOfPatientId;
  if (newest?.patientName) identity.name = newest.patientName;
  if (newest?.patientBirthDate) identity.birthDate = newest.patientBirthDate;
  if (newest?.patientSex) identity.sex = newest.patientSex;
  return identity;
}

const IDENTITY_STATE_REASON: Record<Exclude<IdentityState, 'ok'>, string> = {
  unavailable: 'the identity service is unavailable',
  'not-configured': 'no identity service is configured',
};

function unlinkedReason(input: PatientGroupingInput, node: IdentityNode): string | undefined {
  if (input.identityState !== 'ok') return IDENTITY_STATE_REASON[input.identityState];
  const source = pixmSourceFor(input.sites, node);
  if (!source.ok) return source.detail;
  const resolution = input.resolutions.find(
    (candidate) => candidate.kind !== 'not-linkable' && sitePatientNode(candidate.patient) === sitePatientNode(source.patient),
  );
  if (resolution === undefined) return 'the identity of this patient has not been resolved';
  return resolution.kind === 'unavailable' ? resolution.reason : undefined;
}

function collectNodes(input: PatientGroupingInput): Map<string, IdentityNode> {
  const nodes = new Map<string, IdentityNode>();
  const seen = new Set<string>();
  for (const study of input.studies) {
    const studyKey = JSON.stringify([study.siteId, study.studyUid]);
    if (seen.has(studyKey)) continue;
    seen.add(studyKey);
    const key = nodeKey(study.siteId, study.issuerOfPatientId, study.patientId);
    const node = nodes.get(key);
    if (node) node.studies.push(study);
    else {
      const created: IdentityNode = { siteId: study.siteId, patientId: study.patientId, studies: [study] };
      if (study.issuerOfPatientId !== undefined) created.issuerOfPatientId = study.issuerOfPatientId;
      nodes.set(key, created);
    }
  }
  return nodes;
}

/** Adds the identifiers linked to found patients, and returns the links. */
function collectLinks(input: PatientGroupingInput, nodes: Map<string, IdentityNode>): [string, string][] {
  if (input.identityState !== 'ok') return [];
  const links: [string, string][] = [];
  for (const resolution of input.resolutions) {
    if (resolution.kind !== 'linked') continue;
    const members = [resolution.patient, ...resolution.others];
    if (!members.some((member) => nodes.has(sitePatientNode(member)))) continue;
    const anchor = sitePatientNode(resolution.patient);
    for (const member of members) {
      const key = sitePatientNode(member);
      if (!nodes.has(key)) nodes.set(key, { ...member, studies: [] });
      if (key !== anchor) links.push([anchor, key]);
    }
  }
  return links;
}

function groupOf(input: PatientGroupingInput, members: IdentityNode[]): PatientGroup {
  members.sort((a, b) => compareTexts(nodeKey(a.siteId, a.issuerOfPatientId, a.patientId), nodeKey(b.siteId, b.issuerOfPatientId, b.patientId)));
  const identities = members.map(identityOf);
  const studies = studiesNewestFirst(members.flatMap((node) => node.studies));
  const key = patientKeyOf(members.map((node) => ({ ...node, issuerOfPatientId: node.issuerOfPatientId ?? '' })));
  const warnings = identitovigilanceWarnings(
    studies.map((study) => ({ siteId: study.siteId, patientId: study.patientId, name: study.patientName, birthDate: study.patientBirthDate, sex: study.patientSex })),
  );
  const only = members.length === 1 ? members[0] : undefined;
  const reason = only && unlinkedReason(input, only);
  const linkState: LinkState = members.length > 1 ? 'linked' : reason ? 'unlinked-identity-unavailable' : 'single-site';
  return { key, identities, studies, warnings, linkState, unlinkedReasons: reason ? [reason] : [] };
}

/**
 * Groups studies by person. Identities are (site, Issuer of Patient ID, Patient ID) triples; two of them join
 * only through a `linked` identity resolution, and only while the identity service is `ok`. Groups come newest
 * study first; groups with no study (identifiers only known from the identity service) are not returned.
 */
export function groupPatients(input: PatientGroupingInput): PatientGroup[] {
  const nodes = collectNodes(input);
  const links = collectLinks(input, nodes);
  return connectedComponents([...nodes.keys()], links)
    .map((component) => component.flatMap((key) => nodes.get(key) ?? []))
    .filter((members) => members.some((node) => node.studies.length > 0))
    .map((members) => groupOf(input, members))
    .sort((a, b) => {
      const [newestA, newestB] = [a.studies[0], b.studies[0]];
      const byStudy = newestA && newestB ? compareStudiesNewestFirst(newestA, newestB) : 0;
      return byStudy !== 0 ? byStudy : compareTexts(a.key, b.key);
    });
}
