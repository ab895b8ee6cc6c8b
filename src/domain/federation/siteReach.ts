/**
 * Whether a cross-site search reaches a site, and why not. A Patient ID belongs to one site's identifier domain:
 * the other sites can be searched only for the identifiers the identity service (IHE PIXm, ITI-83) gives for the
 * patients found. Until it has said, such a site is waiting (contract §4: `loading`, never `ok`); once it has
 * said that it knows no identifier there, or could not say, the site is not searched (`not-searched`), and
 * the reason is kept in words for the user.
 */
import type { IdentityResolution } from '../identity/identityResolution.ts';
import type { SiteOutcomeStatus } from './archive.ts';

/** Why a site was not searched. `siteId`: the site the reason is about (the Patient ID's own site). */
export type NotSearchedReason =
  /** No identity service is configured: a patient ID of another site cannot be translated for this one. */
  | { kind: 'identity-not-configured' }
  /** The identity service did not answer (unreachable, timed out, an error); `detail` says how. */
  | { kind: 'identity-unavailable'; detail: string }
  /** The identity service refused the patient's identifier system (ITI-83 400 or 403, `unknown-domain`). */
  | { kind: 'identifier-system-unknown'; siteId: string; detail: string }
  /** The identity service answered, and knows no identifier of this patient at this site (ITI-83 200 or 404). */
  | { kind: 'no-identifier' }
  /** The patient's identifier at `siteId` cannot be looked up (its studies lack a trustworthy issuer). */
  | { kind: 'not-linkable'; siteId: string; detail: string }
  /** `siteId`, the Patient ID's own site, holds no study of it: there was no patient to look up. */
  | { kind: 'nothing-found'; siteId: string }
  /** `siteId`, the Patient ID's own site, did not answer: its patients could not be looked up. */
  | { kind: 'source-failed'; siteId: string };

/** What a site that is not searched yet, but may be, is waiting for. */
export type WaitingReason =
  /** The identity service has not yet said whether the patient has an identifier at this site. */
  | { kind: 'identity' }
  /** The Patient ID's own site (`siteId`) has not answered yet: the patients to look up are not known. */
  | { kind: 'source'; siteId: string };

/**
 * How far a search reaches a site:
 * - `searched`: asked directly, or for a linked identifier; its own answers give its state;
 * - `waiting`: not asked, and it may be once the identity service or the ID's own site answers (`loading`);
 * - `not-searched`: not asked, and it will not be for this search; `reasons` say why, most telling first.
 */
export type SiteReach =
  | { kind: 'searched' }
  | { kind: 'waiting'; reason: WaitingReason }
  | { kind: 'not-searched'; reasons: NotSearchedReason[] };

/** Where a search stands, as far as deciding which sites it reaches goes. */
export interface SearchProgress {
  /** Sites the search asks directly: every site for a name search; the ID's own site for a Patient ID search. */
  askedSiteIds: readonly string[];
  /** Each direct request (one per page) with its outcome; `undefined` while it is in flight. */
  directOutcomes: readonly { siteId: string; outcome: { status: SiteOutcomeStatus } | undefined }[];
  /** Whether an identity service is configured (`identity.pixm`). */
  identityConfigured: boolean;
  /** One entry per patient found (or already known): its identity, or `undefined` while the service has not said. */
  crossReferences: readonly (IdentityResolution | undefined)[];
}

const ORDER: Record<NotSearchedReason['kind'], number> = {
  'identity-not-configured': 0,
  'identity-unavailable': 1,
  'identifier-system-unknown': 2,
  'source-failed': 3,
  'not-linkable': 4,
  'nothing-found': 5,
  'no-identifier': 6,
};

function reasonOf(resolution: IdentityResolution): NotSearchedReason {
  switch (resolution.kind) {
    case 'linked':
    case 'alone':
      return { kind: 'no-identifier' };
    case 'not-linkable':
      return { kind: 'not-linkable', siteId: resolution.patient.siteId, detail: resolution.detail };
    case 'unavailable':
      if (resolution.cause === 'not-configured') return { kind: 'identity-not-configured' };
      if (resolution.cause === 'unknown-domain') return { kind: 'identifier-system-unknown', siteId: resolution.patient.siteId, detail: resolution.reason };
      return { kind: 'identity-unavailable', detail: resolution.reason };
  }
}

function distinct(reasons: readonly NotSearchedReason[]): NotSearchedReason[] {
  const seen = new Map<string, NotSearchedReason>();
  for (const reason of reasons) seen.set(JSON.stringify(reason), reason);
  return [...seen.values()].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
}

/**
 * How far the search reaches `siteId` (contract §4, `data-state`): a site asked directly, or for an identifier
 * the identity service linked to a patient found, is `searched`; a site not asked directly is `waiting` while a
 * cross-reference (ITI-83) or a direct request is in flight, and `not-searched` once every one has settled
 * without linking a patient to it.
 */
export function siteReach(siteId: string, progress: SearchProgress): SiteReach {
  if (progress.askedSiteIds.includes(siteId)) return { kind: 'searched' };
  if (!progress.identityConfigured) return { kind: 'not-searched', reasons: [{ kind: 'identity-not-configured' }] };
  const resolutions = progress.crossReferences.filter((resolution) => resolution !== undefined);
  // Another patient's identifier here may still come: the site is not done until every cross-reference is.
  if (resolutions.length < progress.crossReferences.length) return { kind: 'waiting', reason: { kind: 'identity' } };
  if (resolutions.some((resolution) => resolution.kind === 'linked' && resolution.others.some((other) => other.siteId === siteId))) {
    return { kind: 'searched' };
  }
  const inFlight = progress.directOutcomes.find((request) => request.outcome === undefined);
  if (inFlight) return { kind: 'waiting', reason: { kind: 'source', siteId: inFlight.siteId } };

  const failedSites = progress.directOutcomes.flatMap((request) =>
    request.outcome?.status === 'error' || request.outcome?.status === 'timeout' ? [request.siteId] : [],
  );
  const reasons: NotSearchedReason[] = [
    ...resolutions.map(reasonOf),
    ...failedSites.map((failed): NotSearchedReason => ({ kind: 'source-failed', siteId: failed })),
  ];
  if (reasons.length === 0) reasons.push(...progress.askedSiteIds.map((asked): NotSearchedReason => ({ kind: 'nothing-found', siteId: asked })));
  return { kind: 'not-searched', reasons: distinct(reasons) };
}
