/** The header's link to the tumour board, with how many studies it holds. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useBoardSession } from './boardStore.ts';

export function BoardIndicator() {
  const { t } = useTranslation();
  const [{ session }] = useBoardSession();
  const count = session.items.length;
  return (
    <Link to="/board" className="board-indicator" data-testid="board-indicator" data-count={count} aria-label={t('board.indicatorLabel', { count })}>
      {t('board.indicator', { count })}
    </Link>
  );
}
