/**
 * The board's presentation screen (`/board/present`) for a large display: no worklist around it, large patient
 * banners, a full-screen button (Fullscreen API). With `?follow=1` it follows the presenter's window instead of
 * being driven: it shows what the presenter shows and says so.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { BoardControls } from './BoardControls.tsx';
import { BoardStorageProblem } from './BoardStorageProblem.tsx';
import { useBoardSession } from './boardStore.ts';
import { useBoardNavigation } from './useBoardNavigation.ts';
import './board.css';

const BoardStage = lazy(() => import('./BoardStage.tsx').then((module) => ({ default: module.BoardStage })));

export function BoardPresentPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const following = params.get('follow') === '1';
  const [{ session, problem }] = useBoardSession();
  const count = session.items.length;
  const navigation = useBoardNavigation(following ? 'follower' : 'presenter', count, 'sequence');
  const fullscreen = useFullscreen();
  return (
    <section className="board-present" data-testid="board-presentation" data-role={following ? 'follower' : 'presenter'} data-index={navigation.index} data-layout={navigation.layout} data-count={count}>
      <div className="board-bar">
        {following ? (
          <p className="board-following" data-testid="board-following" role="status">
            {t('board.following', { index: navigation.index + 1, count })}
          </p>
        ) : (
          <BoardControls navigation={navigation} count={count} />
        )}
        {fullscreen.available && (
          <button type="button" data-testid="board-fullscreen" aria-pressed={fullscreen.active} onClick={fullscreen.toggle}>
            {t(fullscreen.active ? 'board.exitFullscreen' : 'board.fullscreen')}
          </button>
        )}
        <Link to="/board">{t('board.back')}</Link>
      </div>
      <BoardStorageProblem problem={problem} />
      {count === 0 ? (
        <p data-testid="board-empty">{t('board.empty')}</p>
      ) : (
        <Suspense fallback={<p role="status">{t('viewer.loadingStudy')}</p>}>
          <BoardStage config={config} session={session} layout={navigation.layout} index={navigation.index} />
        </Suspense>
      )}
    </section>
  );
}

/** The page's full-screen state (Fullscreen API), and a toggle for it. */
function useFullscreen() {
  const [active, setActive] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setActive(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen().catch(() => undefined);
  };
  return { available: document.fullscreenEnabled, active, toggle };
}
