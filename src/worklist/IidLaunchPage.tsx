import { useEffect, useMemo, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { lookUpStudy } from '../adapters/lookUpStudy.ts';
import type { PublicConfig, PublicSite } from '../domain/config/publicConfig.ts';
import { MAX_LAUNCH_STUDIES, parseIidRequest, type IidRefusal, type IidRequest } from '../domain/launch/iidRequest.ts';
import {
  chooseLaunchTarget,
  sitesToAsk,
  viewerPath,
  type SiteLookup,
  type StudyLaunch,
} from '../domain/launch/studyLookup.ts';
import { worklistUrlForPatientLaunch } from '../domain/launch/worklistUrl.ts';

/**
 * The IHE Invoke Image Display entry point (RAD-106, `/IHEInvokeImageDisplay?requestType=…`): a patient launch
 * opens the worklist search for that patient; a study launch finds the study across the sites and opens the
 * viewer there; a launch that cannot be read exactly is refused with its reason, and nothing is loaded.
 */
export function IidLaunchPage({ config }: { config: PublicConfig }) {
  const [searchParams] = useSearchParams();
  const query = searchParams.toString();
  const request: IidRequest = useMemo(() => parseIidRequest(new URLSearchParams(query), config.sites), [query, config.sites]);
  switch (request.kind) {
    case 'refused':
      return <LaunchRefused refusal={request} />;
    case 'patient':
      return <PatientLaunch url={worklistUrlForPatientLaunch(request)} />;
    default:
      return <StudyLaunchSearch launch={request} sites={config.sites} />;
  }
}

function PatientLaunch({ url }: { url: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useEffect(() => {
    void navigate(url, { replace: true });
  }, [navigate, url]);
  return <p role="status">{t('launch.openingPatient', { defaultValue: 'Opening the patient’s studies…' })}</p>;
}

function LaunchRefused({ refusal }: { refusal: IidRefusal }) {
  const { t } = useTranslation();
  const values = { value: refusal.value ?? '', parameter: refusal.parameter ?? '', max: MAX_LAUNCH_STUDIES };
  return (
    <section className="launch" data-testid="launch-error" role="alert" data-refusal={refusal.code}>
      <h1>{t('launch.refusedHeading', { defaultValue: 'Launch refused' })}</h1>
      <p>{t(`launch.refused.${refusal.code}`, { defaultValue: REFUSAL_TEXT[refusal.code], ...values })}</p>
      <p>{t('launch.nothingLoaded', { defaultValue: 'Nothing was loaded.' })}</p>
      <p className="muted">{t('launch.detail', { defaultValue: 'Detail: {{reason}}', reason: refusal.reason })}</p>
      <Link to="/">{t('launch.back', { defaultValue: 'Back to the worklist' })}</Link>
    </section>
  );
}

/** English texts of the refusals, the defaults of the `launch.refused.*` messages. */
const REFUSAL_TEXT: Record<IidRefusal['code'], string> = {
  'missing-request-type': 'The link does not say what to open: requestType (PATIENT or STUDY) is missing.',
  'unknown-request-type': 'The request type "{{value}}" is not supported: use PATIENT or STUDY.',
  'repeated-parameter': 'The parameter {{parameter}} is given several times with different values.',
  'missing-patient-id': 'The link names no patient ID (patientID).',
  'bad-patient-id': 'The patient ID "{{value}}" cannot be read.',
  'patient-id-without-issuer':
    'The patient ID "{{value}}" comes without its issuer. A patient ID only identifies a patient together with the site that issued it (ID^^^ISSUER or ID^^^&OID&ISO).',
  'unknown-issuer': 'The issuer "{{value}}" of the patient ID is not one of this deployment’s sites.',
  'ambiguous-issuer': 'The issuer "{{value}}" is shared by several sites of this deployment: the patient cannot be placed.',
  'conflicting-issuer': 'The issuer "{{value}}" of the patient ID names two different sites.',
  'missing-study': 'The link names no study: give studyUID or accessionNumber.',
  'bad-study-uid': '"{{value}}" is not a valid Study Instance UID.',
  'too-many-studies': 'The link names {{value}} studies; at most {{max}} can be opened at once.',
  'bad-accession-number': 'The accession number "{{value}}" cannot be used: one number, without wildcards.',
  'bad-date': 'The date "{{value}}" given in {{parameter}} is not a date.',
  'bad-date-range': 'The date range is reversed: lowerDateTime is after upperDateTime.',
  'bad-most-recent-results': 'mostRecentResults must be a positive whole number, not "{{value}}".',
  'bad-modality': '"{{value}}" is not a modality code (modalitiesInStudy).',
};

function StudyLaunchSearch({ launch, sites }: { launch: StudyLaunch; sites: readonly PublicSite[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const asked = useMemo(() => sitesToAsk(launch, sites), [launch, sites]);
  const lookup = useQuery({
    queryKey: ['iid-study-lookup', launch, asked.map((site) => site.id)],
    queryFn: ({ signal }) => lookUpStudy(launch, sites, signal),
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  const target = useMemo(() => (lookup.data ? chooseLaunchTarget(launch, lookup.data, sites) : undefined), [launch, lookup.data, sites]);
  const destination = target?.kind === 'open' ? viewerPath(target) : undefined;
  useEffect(() => {
    if (destination !== undefined) void navigate(destination, { replace: true });
  }, [destination, navigate]);

  const siteName = (siteId: string) => sites.find((site) => site.id === siteId)?.name ?? siteId;
  const subject = launch.kind === 'study' ? launch.studyUids.join(', ') : launch.accessionNumber;
  if (asked.length === 0) return <LaunchFailure message={t('launch.noSites', { defaultValue: 'No site is configured: there is nowhere to look for the study.' })} />;
  if (lookup.isError) return <LaunchFailure message={t('launch.lookupFailed', { defaultValue: 'The search for the study failed: {{error}}', error: lookup.error.message })} />;
  if (target === undefined || destination !== undefined) {
    return (
      <p role="status" data-testid="launch-progress">
        {destination === undefined
          ? t('launch.searching', { defaultValue: 'Looking for the study {{study}} at {{sites}}…', study: subject, sites: asked.map((site) => site.name).join(', ') })
          : t('launch.openingStudy', { defaultValue: 'Opening the study…' })}
      </p>
    );
  }
  if (target.kind === 'ambiguous') {
    return (
      <LaunchFailure message={t('launch.ambiguous', { defaultValue: 'The accession number {{accession}} names studies of different patients or sites. Open it from the worklist, or send the patient ID with its issuer.', accession: subject })}>
        <ul>
          {target.candidates.map((candidate) => (
            <li key={`${candidate.siteId}/${candidate.studyUid}`}>
              {t('launch.candidate', { defaultValue: '{{site}}: study {{studyUid}}, patient {{patientId}} ({{issuer}})', site: siteName(candidate.siteId), studyUid: candidate.studyUid, patientId: candidate.patientId, issuer: candidate.issuerOfPatientId ?? '—' })}
            </li>
          ))}
        </ul>
      </LaunchFailure>
    );
  }
  const allFailed = lookup.data?.every((site) => site.status === 'error' || site.status === 'timeout') ?? false;
  const message = allFailed
    ? t('launch.allFailed', { defaultValue: 'The study {{study}} could not be looked for: no site answered.', study: subject })
    : launch.kind === 'study'
      ? t('launch.notFoundStudy', { defaultValue: 'None of the sites that answered has the study {{study}}.', study: subject })
      : t('launch.notFoundAccession', { defaultValue: 'None of the sites that answered has a study with accession number {{study}}.', study: subject });
  return (
    <LaunchFailure message={message}>
      <p>{t('launch.sitesAsked', { defaultValue: 'Sites asked:' })}</p>
      <ul>
        {lookup.data?.map((site) => {
          const answer = site.status === 'not-found' && site.error ? 'partial' : site.status;
          return (
            <li key={site.siteId} data-site-id={site.siteId} data-state={site.status}>
              {t(`launch.siteAnswer.${answer}`, { defaultValue: SITE_ANSWER_TEXT[answer], site: siteName(site.siteId), ms: site.ms, error: site.error ?? '' })}
            </li>
          );
        })}
      </ul>
    </LaunchFailure>
  );
}

/** English texts of a site's answer, the defaults of the `launch.siteAnswer.*` messages. */
const SITE_ANSWER_TEXT: Record<SiteLookup['status'] | 'partial', string> = {
  found: '{{site}}: found ({{ms}} ms)',
  'not-found': '{{site}}: no such study ({{ms}} ms)',
  partial: '{{site}}: no such study among the results it could read — {{error}}',
  error: '{{site}}: failed — {{error}}',
  timeout: '{{site}}: no answer in time — {{error}}',
};

function LaunchFailure({ message, children }: { message: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="launch" data-testid="launch-error" role="alert">
      <h1>{t('launch.notOpenedHeading', { defaultValue: 'Study not opened' })}</h1>
      <p>{message}</p>
      {children}
      <Link to="/">{t('launch.back', { defaultValue: 'Back to the worklist' })}</Link>
    </section>
  );
}
