import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { PublicConfig } from '../domain/config/publicConfig.ts';

/** The viewer route: receives the study, its site and the patient group it was opened from. */
export function ViewerPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const { siteId = '', studyUid = '' } = useParams();
  const [params] = useSearchParams();
  const site = config.sites.find((candidate) => candidate.id === siteId);
  return (
    <section className="viewer-page" data-testid="viewer-page" data-study-uid={studyUid} data-site-id={siteId} data-patient-key={params.get('patient') ?? ''}>
      <h1>{t('viewer.heading')}</h1>
      <p>{t('viewer.placeholder', { studyUid, site: site?.name ?? siteId })}</p>
      <Link to="/">{t('viewer.back')}</Link>
    </section>
  );
}
