/**
 * The board's images: the current item alone (one after another), or side by side in a grid (the page of up to
 * six items holding the current one). Each item keeps its viewport index, so that its viewer survives a change
 * of current item within the grid. Loaded lazily, with Cornerstone3D.
 */
import { useMemo } from 'react';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { assignBannerStyles } from '../domain/board/bannerColors.ts';
import type { BoardLayout } from '../domain/board/boardMessages.ts';
import { gridPage, type BoardSession } from '../domain/board/boardSession.ts';
import { BoardViewport } from './BoardViewport.tsx';

interface BoardStageProps {
  config: PublicConfig;
  session: BoardSession;
  layout: BoardLayout;
  index: number;
}

export function BoardStage({ config, session, layout, index }: BoardStageProps) {
  const styles = useMemo(() => assignBannerStyles(session.items.map((item) => item.patient.key)), [session]);
  const [start, end] = layout === 'grid' ? gridPage(session.items.length, index) : [index, index + 1];
  const shown = session.items.slice(start, end).map((item, offset) => ({ item, position: start + offset }));
  const columns = layout === 'grid' ? Math.ceil(Math.sqrt(shown.length)) : 1;
  const rows = Math.ceil(shown.length / Math.max(1, columns));
  return (
    <div className={`board-stage ${layout}`} data-testid="board-stage" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${Math.max(1, rows)}, minmax(0, 1fr))` }}>
      {shown.map(({ item, position }) => {
        const style = styles.get(item.patient.key);
        return style ? (
          <BoardViewport key={`${item.siteId}/${item.studyUid}`} config={config} item={item} bannerStyle={style} viewportIndex={position} current={position === index} />
        ) : null;
      })}
    </div>
  );
}
