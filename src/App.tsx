import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { publicConfigQuery } from './adapters/fetchPublicConfig.ts';
import { AppHeader } from './shell/AppHeader.tsx';
import { WorklistPage } from './worklist/WorklistPage.tsx';
import { ViewerPage } from './viewer/ViewerPage.tsx';
import { IidLaunchPage } from './worklist/IidLaunchPage.tsx';

/** Routes: the worklist (home), the viewer, and IHE Invoke Image Display launch links (RAD-106). */
export function App() {
  const { t } = useTranslation();
  const config = useQuery(publicConfigQuery);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader config={config.data} />
      <main id="main" tabIndex={-1}>
        {config.isPending && <p role="status">{t('config.loading')}</p>}
        {config.isError && (
          <p role="alert" className="error">
            {t('config.failed', { error: config.error.message })}
          </p>
        )}
        {config.data && (
          <Routes>
            <Route path="/" element={<WorklistPage config={config.data} />} />
            <Route path="/IHEInvokeImageDisplay" element={<IidLaunchPage config={config.data} />} />
            <Route path="/viewer/:siteId/:studyUid" element={<ViewerPage config={config.data} />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        )}
      </main>
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('notFound.heading')}</h1>
      <Link to="/">{t('notFound.back')}</Link>
    </section>
  );
}
