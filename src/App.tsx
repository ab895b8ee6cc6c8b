import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { publicConfigQuery } from './adapters/fetchPublicConfig.ts';
import { AppHeader } from './shell/AppHeader.tsx';
import { WorklistPage } from './worklist/WorklistPage.tsx';
import { ViewerPage } from './viewer/ViewerPage.tsx';
import { IidLaunchPage } from './worklist/IidLaunchPage.tsx';

/** The tumour board comes in its own chunks (and Cornerstone3D with its images): the worklist never loads them. */
const BoardPage = lazy(() => import('./board/BoardPage.tsx').then((module) => ({ default: module.BoardPage })));
const BoardPresentPage = lazy(() => import('./board/BoardPresentPage.tsx').then((module) => ({ default: module.BoardPresentPage })));
/** The auditor's page, in its own chunk too. */
const AuditPage = lazy(() => import('./audit/AuditPage.tsx').then((module) => ({ default: module.AuditPage })));

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
            <Route path="/board" element={<Suspense fallback={<p role="status">{t('board.loading')}</p>}><BoardPage config={config.data} /></Suspense>} />
            <Route path="/board/present" element={<Suspense fallback={<p role="status">{t('board.loading')}</p>}><BoardPresentPage config={config.data} /></Suspense>} />
            <Route path="/audit" element={<Suspense fallback={<p role="status">{t('audit.loading')}</p>}><AuditPage config={config.data} /></Suspense>} />
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
