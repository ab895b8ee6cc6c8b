import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { publicConfigQuery } from './adapters/fetchPublicConfig.ts';
import { AppHeader } from './shell/AppHeader.tsx';
import { NoSignInBanner } from './shell/NoSignInBanner.tsx';
import { RequireRole, SignInGate } from './shell/SignInGate.tsx';
import { SignedOutPage } from './shell/SignedOutPage.tsx';
import { SIGNED_OUT_PATH } from './domain/auth/currentUser.ts';
import { WorklistPage } from './worklist/WorklistPage.tsx';
import { ViewerPage } from './viewer/ViewerPage.tsx';
import { IidLaunchPage } from './worklist/IidLaunchPage.tsx';

/** The tumour board comes in its own chunks (and Cornerstone3D with its images): the worklist never loads them. */
const BoardPage = lazy(() => import('./board/BoardPage.tsx').then((module) => ({ default: module.BoardPage })));
const BoardPresentPage = lazy(() => import('./board/BoardPresentPage.tsx').then((module) => ({ default: module.BoardPresentPage })));
/** The auditor's page, in its own chunk too. */
const AuditPage = lazy(() => import('./audit/AuditPage.tsx').then((module) => ({ default: module.AuditPage })));
/** The identity officer's review, in its own chunk as well. */
const IdentityReviewPage = lazy(() => import('./identity-review/IdentityReviewPage.tsx').then((module) => ({ default: module.IdentityReviewPage })));
const HarvestPage = lazy(() => import('./identity-review/HarvestPage.tsx').then((module) => ({ default: module.HarvestPage })));

/** Routes: the worklist (home), the viewer, and IHE Invoke Image Display launch links (RAD-106). */
export function App() {
  const { t } = useTranslation();
  const config = useQuery(publicConfigQuery);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <NoSignInBanner />
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
            <Route path={SIGNED_OUT_PATH} element={<SignedOutPage />} />
            <Route
              path="*"
              element={
                <SignInGate>
                  <Routes>
                    <Route path="/" element={<RequireRole role="clinician"><WorklistPage config={config.data} /></RequireRole>} />
                    <Route path="/IHEInvokeImageDisplay" element={<RequireRole role="clinician"><IidLaunchPage config={config.data} /></RequireRole>} />
                    <Route path="/viewer/:siteId/:studyUid" element={<RequireRole role="clinician"><ViewerPage config={config.data} /></RequireRole>} />
                    <Route path="/board" element={<RequireRole role="clinician"><Suspense fallback={<p role="status">{t('board.loading')}</p>}><BoardPage config={config.data} /></Suspense></RequireRole>} />
                    <Route path="/board/present" element={<RequireRole role="clinician"><Suspense fallback={<p role="status">{t('board.loading')}</p>}><BoardPresentPage config={config.data} /></Suspense></RequireRole>} />
                    <Route path="/audit" element={<RequireRole role="auditor"><Suspense fallback={<p role="status">{t('audit.loading')}</p>}><AuditPage config={config.data} /></Suspense></RequireRole>} />
                    <Route path="/identity-review" element={<RequireRole role="identity-officer"><Suspense fallback={<p role="status">{t('identityReview.loading')}</p>}><IdentityReviewPage config={config.data} /></Suspense></RequireRole>} />
                    <Route path="/identity-review/harvest" element={<RequireRole role="identity-officer"><Suspense fallback={<p role="status">{t('identityReview.harvest.loading')}</p>}><HarvestPage config={config.data} /></Suspense></RequireRole>} />
                    <Route path="*" element={<NotFound />} />
                  </Routes>
                </SignInGate>
              }
            />
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
