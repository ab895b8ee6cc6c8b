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
    case 'patient-ins':
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
  return <p role="status">{t('launch.openingPatient')}</p>;
}

function LaunchRefused({ refusal }: { refusal: IidRefusal }) {
  const { t } = useTranslation();
  const values = { value: refusal.value ?? '', parameter: refusal.parameter ?? '', max: MAX_LAUNCH_STUDIES };
  return (
    <section className="launch" data-testid="launch-error" role="alert" data-refusal={refusal.code}>
      <h1>{t('launch.refusedHeading')}</h1>
      <p>{t(`launch.refused.${refusal.code}`, { ...values })}</p>
      <p>{t('launch.nothingLoaded')}</p>
      <p className="muted">{t('launch.detail', { reason: refusal.reason })}</p>
      <Link to="/">{t('launch.back')}</Link>
    </section>
  );
}

/** English texts of the refusals, the defaults of the `launch.refused.*` messages. */

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
  if (asked.length === 0) return <LaunchFailure message={t('launch.noSites')} />;
  if (lookup.isError) return <LaunchFailure message={t('launch.lookupFailed', { error: lookup.error.message })} />;
  if (target === undefined || destination !== undefined) {
    return (
      <p role="status" data-testid="launch-progress">
        {destination === undefined
          ? t('launch.searching', { study: subject, sites: asked.map((site) => site.name).join(', ') })
          : t('launch.openingStudy')}
      </p>
    );
  }
  if (target.kind === 'ambiguous') {
    return (
      <LaunchFailure message={t('launch.ambiguous', { accession: subject })}>
        <ul>
          {target.candidates.map((candidate) => (
            <li key={`${candidate.siteId}/${candidate.studyUid}`}>
              {t('launch.candidate', { site: siteName(candidate.siteId), studyUid: candidate.studyUid, patientId: candidate.patientId, issuer: candidate.issuerOfPatientId ?? '—' })}
            </li>
          ))}
        </ul>
      </LaunchFailure>
    );
  }
  const allFailed = lookup.data?.every((site) => site.status === 'error' || site.status === 'timeout') ?? false;
  const message = allFailed
    ? t('launch.allFailed', { study: subject })
    : launch.kind === 'study'
      ? t('launch.notFoundStudy', { study: subject })
      : t('launch.notFoundAccession', { study: subject });
  return (
    <LaunchFailure message={message}>
      <p>{t('launch.sitesAsked')}</p>
      <ul>
        {lookup.data?.map((site) => {
          const answer = site.status === 'not-found' && site.error ? 'partial' : site.status;
          return (
            <li key={site.siteId} data-site-id={site.siteId} data-state={site.status}>
              {t(`launch.siteAnswer.${answer}`, { site: siteName(site.siteId), ms: site.ms, error: site.error ?? '' })}
            </li>
          );
        })}
      </ul>
    </LaunchFailure>
  );
}

/** English texts of a site's answer, the defaults of the `launch.siteAnswer.*` messages. */

function LaunchFailure({ message, children }: { message: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="launch" data-testid="launch-error" role="alert">
      <h1>{t('launch.notOpenedHeading')}</h1>
      <p>{message}</p>
      {children}
      <Link to="/">{t('launch.back')}</Link>
    </section>
  );
}
