/**
 * The tumour board (`/board`): the agenda built from the worklist, reordered and trimmed here, and its images
 * one after another or side by side, each under its patient's banner. From here the presentation screen opens
 * (`/board/present`), and a window following it on another monitor (`/board/present?follow=1`).
 */
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { assignBannerStyles } from '../domain/board/bannerColors.ts';
import { BoardAgenda } from './BoardAgenda.tsx';
import { BoardControls } from './BoardControls.tsx';
import { BoardStorageProblem } from './BoardStorageProblem.tsx';
import { useBoardSession } from './boardStore.ts';
import { useBoardNavigation } from './useBoardNavigation.ts';
import './board.css';

/** Cornerstone3D comes with this chunk only. */
const BoardStage = lazy(() => import('./BoardStage.tsx').then((module) => ({ default: module.BoardStage })));

export function BoardPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const [{ session, problem }, update] = useBoardSession();
  const count = session.items.length;
  const navigation = useBoardNavigation('presenter', count, 'sequence');
  const styles = useMemo(() => assignBannerStyles(session.items.map((item) => item.patient.key)), [session]);
  const openFollower = () => window.open('/board/present?follow=1', 'passerelle-board-follower', 'noopener');
  return (
    <section className="board-page" data-testid="board-page" data-index={navigation.index} data-layout={navigation.layout} data-count={count}>
      <div className="board-bar">
        <h1>{t('board.heading')}</h1>
        <Link to="/">{t('board.toWorklist')}</Link>
        {count > 0 && (
          <>
            <Link to="/board/present" data-testid="board-present-link">
              {t('board.present')}
            </Link>
            <button type="button" onClick={openFollower}>
              {t('board.openFollower')}
            </button>
          </>
        )}
      </div>
      <BoardStorageProblem problem={problem} />
      {count === 0 ? (
        <p data-testid="board-empty">{t('board.empty')}</p>
      ) : (
        <>
          <BoardAgenda session={session} styles={styles} current={navigation.index} onShow={navigation.show} update={update} />
          <BoardControls navigation={navigation} count={count} />
          <Suspense fallback={<p role="status">{t('viewer.loadingStudy')}</p>}>
            <BoardStage config={config} session={session} layout={navigation.layout} index={navigation.index} />
          </Suspense>
        </>
      )}
    </section>
  );
}
