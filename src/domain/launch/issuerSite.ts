/**
 * Which configured site issued a patient ID, from the assigning authority of its HL7 v2 CX (CX.4, an HD): the
 * namespace ID is a site's `issuerOfPatientId` (Issuer of Patient ID, 0010,0021), the universal ID is a site's
 * `patientIdSystem` (an OID with universal ID type `ISO`, or the URI itself). Deployment contract §3, RAD-106.
 *
 * The site is only ever taken from the issuer, never guessed from the ID's own text: a patient ID without an
 * issuer, with an issuer no site has, or whose namespace and universal ID name two different sites, has no site.
 */
import type { PublicSite } from '../config/publicConfig.ts';
import { sameIdentifierSystem } from '../identity/identifierSystem.ts';
import type { AssigningAuthority } from './hl7Cx.ts';

/** What a site is matched on. */
export type IssuingSite = Pick<PublicSite, 'id' | 'issuerOfPatientId' | 'patientIdSystem'>;

/** The site that issued an ID, or why there is none. `issuer` is the text of the authority part concerned. */
export type IssuerResolution<S extends IssuingSite> =
  | { kind: 'site'; site: S }
  | { kind: 'no-issuer' }
  | { kind: 'unknown-issuer'; issuer: string }
  | { kind: 'ambiguous-issuer'; issuer: string; siteIds: string[] }
  | { kind: 'conflicting-issuer'; issuer: string; siteIds: [string, string] };

const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;

/** Whether a universal ID names this site's identifier system. */
function universalIdMatches(site: IssuingSite, universalId: string, type: string | undefined): boolean {
  const kind = type?.toUpperCase();
  const isOid = kind === 'ISO' || (kind === undefined && OID.test(universalId));
  if (isOid) return sameIdentifierSystem(site.patientIdSystem, /^urn:oid:/i.test(universalId) ? universalId : `urn:oid:${universalId}`);
  return site.patientIdSystem.trim() === universalId;
}

function describeUniversalId(authority: AssigningAuthority): string {
  return authority.universalIdType ? `${authority.universalId}&${authority.universalIdType}` : (authority.universalId ?? '');
}

function single<S extends IssuingSite>(matches: S[], issuer: string): IssuerResolution<S> {
  if (matches.length === 0) return { kind: 'unknown-issuer', issuer };
  if (matches.length > 1) return { kind: 'ambiguous-issuer', issuer, siteIds: matches.map((site) => site.id) };
  return { kind: 'site', site: matches[0] as S };
}

/**
 * The site whose identifier domain the assigning authority names. Namespace IDs compare exactly (DICOM LO
 * values are case-sensitive); OIDs with or without `urn:oid:`. When both parts are present, both must name
 * the same single site.
 */
export function siteOfIssuer<S extends IssuingSite>(authority: AssigningAuthority, sites: readonly S[]): IssuerResolution<S> {
  const { namespaceId, universalId } = authority;
  if (namespaceId === undefined && universalId === undefined) return { kind: 'no-issuer' };
  const byNamespace =
    namespaceId === undefined ? undefined : single(sites.filter((site) => site.issuerOfPatientId === namespaceId), namespaceId);
  const byUniversalId =
    universalId === undefined
      ? undefined
      : single(
          sites.filter((site) => universalIdMatches(site, universalId, authority.universalIdType)),
          describeUniversalId(authority),
        );
  if (byNamespace === undefined) return byUniversalId as IssuerResolution<S>;
  if (byUniversalId === undefined || byNamespace.kind !== 'site') return byNamespace;
  if (byUniversalId.kind !== 'site') return byUniversalId;
  if (byNamespace.site.id !== byUniversalId.site.id) {
    return { kind: 'conflicting-issuer', issuer: `${namespaceId}&${describeUniversalId(authority)}`, siteIds: [byNamespace.site.id, byUniversalId.site.id] };
  }
  return byNamespace;
}
