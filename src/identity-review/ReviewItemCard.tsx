import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decideQueueItem } from '../adapters/identityReview.ts';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { commentRequired, type QueueItem, type ReviewChoice } from '../domain/identityReview/reviewModel.ts';
import { useCurrentUser } from '../shell/useCurrentUser.ts';
import { ReasonInWords } from './ReasonInWords.tsx';
import { RecordsSideBySide } from './RecordsSideBySide.tsx';
import { forgetIdentityAnswers } from './forgetIdentityAnswers.ts';

const CHOICES: readonly ReviewChoice[] = ['link', 'not-same', 'later'];

/** One possible match: both records, why they are here, and the officer's choice with a comment. */
export function ReviewItemCard({ config, item }: { config: PublicConfig; item: QueueItem }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState('');
  const [missingComment, setMissingComment] = useState(false);
  const decision = useMutation({
    mutationFn: (choice: ReviewChoice) => decideQueueItem(item.id, choice, comment.trim(), user?.csrfToken ?? ''),
    onSuccess: () => forgetIdentityAnswers(queryClient),
  });
  const decide = (choice: ReviewChoice) => {
    if (commentRequired(choice) && comment.trim() === '') {
      setMissingComment(true);
      return;
    }
    setMissingComment(false);
    decision.mutate(choice);
  };

  return (
    <li className="review-item" data-testid="review-item" data-item-id={item.id} aria-labelledby={`${commentId}-heading`}>
      <h3 id={`${commentId}-heading`}>
        {t('identityReview.itemHeading', { a: item.records[0].value, b: item.records[1].value })}
        {item.deferredAt && <span className="review-deferred"> · {t('identityReview.deferred', { at: new Date(item.deferredAt).toLocaleString() })}</span>}
      </h3>
      <RecordsSideBySide config={config} records={item.records} />
      <h4>{t('identityReview.why')}</h4>
      <ReasonInWords reason={item.reason} />
      <div className="review-decision-form" role="group" aria-label={t('identityReview.decisionGroup')}>
        <label htmlFor={commentId}>{t('identityReview.comment')}</label>
        <textarea
          id={commentId}
          name="comment"
          data-testid="review-comment"
          value={comment}
          maxLength={2000}
          rows={2}
          aria-invalid={missingComment}
          aria-describedby={missingComment ? `${commentId}-missing` : undefined}
          onChange={(event) => setComment(event.target.value)}
        />
        {missingComment && (
          <p id={`${commentId}-missing`} role="alert" className="error">
            {t('identityReview.commentRequired')}
          </p>
        )}
        <div className="review-buttons">
          {CHOICES.map((choice) => (
            <button key={choice} type="button" data-testid="review-decision" data-choice={choice} disabled={decision.isPending} onClick={() => decide(choice)}>
              {t(`identityReview.choice.${choice}`)}
            </button>
          ))}
        </div>
        {decision.isError && (
          <p role="alert" className="error" data-testid="review-error">
            {t('identityReview.failed', { reason: decision.error.message })}
          </p>
        )}
      </div>
    </li>
  );
}
