/** The worklist's "Add to tumour board" toggle on a study row. */
import './board.css';
import { useTranslation } from 'react-i18next';
import { hasStudy, toggleItem, type BoardItem } from '../domain/board/boardSession.ts';
import { useBoardSession } from './boardStore.ts';

/** A toggle button (`aria-pressed`) adding the study to the board, or taking it off. */
export function BoardToggle({ item, label }: { item: BoardItem; label: string }) {
  const { t } = useTranslation();
  const [{ session }, update] = useBoardSession();
  const added = hasStudy(session, item);
  return (
    <button
      type="button"
      className={added ? 'board-toggle added' : 'board-toggle'}
      data-testid="board-toggle"
      aria-pressed={added}
      aria-label={t(added ? 'board.removeLabel' : 'board.addLabel', { study: label })}
      onClick={() => update((current) => toggleItem(current, item))}
    >
      {t(added ? 'board.added' : 'board.add')}
    </button>
  );
}
