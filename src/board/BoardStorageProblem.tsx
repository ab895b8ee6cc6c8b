/** Says why the stored board was emptied (unreadable or invalid data), instead of failing. */
import { useTranslation } from 'react-i18next';
import type { BoardStorageProblem as Problem } from '../domain/board/boardStorage.ts';

export function BoardStorageProblem({ problem }: { problem: Problem | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p className="error" role="alert" data-testid="board-storage-problem" data-problem={problem}>
      {t(`board.storageProblem.${problem}`)}
    </p>
  );
}
