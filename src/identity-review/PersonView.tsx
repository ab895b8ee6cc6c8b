import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personHistoryQuery, personQuery, unlinkRecord } from '../adapters/identityReview.ts';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { personLabel, type ReviewRecord } from '../domain/identityReview/reviewModel.ts';
import { useCurrentUser } from '../shell/useCurrentUser.ts';
import { ReasonInWords } from './ReasonInWords.tsx';
import { siteName } from './RecordsSideBySide.tsx';
import { forgetIdentityAnswers } from './forgetIdentityAnswers.ts';

/** A person: its records, how each is linked (by the matcher or a person, and why), an undo per link, and its history. */
export function PersonView({ config, personId }: { config: PublicConfig; personId: string }) {
  const { t } = useTranslation();
  const person = useQuery(personQuery(personId));
  return (
    <section className="review-person" data-testid="review-person" data-person-id={personId} aria-labelledby="review-person-heading">
      <h2 id="review-person-heading">{person.data ? t('identityReview.personHeading', { name: personLabel(person.data) }) : t('identityReview.personLoading')}</h2>
      {person.isError && <p role="alert" className="error">{t('identityReview.failed', { reason: person.error.message })}</p>}
      {person.data && (
        <ul className="review-person-links" data-testid="person-links">
          {person.data.records.map((record) => (
            <PersonRecord key={record.id} config={config} record={record} canUnlink={person.data.records.length > 1} />
          ))}
        </ul>
      )}
      <PersonHistory personId={personId} />
    </section>
  );
}

function PersonRecord({ config, record, canUnlink }: { config: PublicConfig; record: ReviewRecord; canUnlink: boolean }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState('');
  const unlink = useMutation({
    mutationFn: () => unlinkRecord(record.id, comment.trim(), user?.csrfToken ?? ''),
    onSuccess: () => forgetIdentityAnswers(queryClient),
  });
  const origin = record.link?.origin ?? 'automatic';
  return (
    <li data-testid="person-link" data-record-id={record.id} data-origin={origin}>
      <p>
        <strong>{siteName(config, record)}</strong> · <span className="review-identifier">{record.value}</span> ·{' '}
        {[record.birthName, record.usedName].filter(Boolean).join(' / ')} {record.givenNames.join(', ')} · {record.birthDate ?? t('identityReview.unknown')}
        {record.ins && (
          <>
            {' '}
            · {t('identityReview.field.ins')} {record.ins.value} ({t(`identityReview.insStatus.${record.ins.status ?? 'unknown'}`)})
          </>
        )}
      </p>
      <p className="muted">{t(`identityReview.origin.${origin}`)}</p>
      {record.link && <ReasonInWords reason={record.link.reason} />}
      {canUnlink && (
        <form
          className="review-unlink"
          onSubmit={(event) => {
            event.preventDefault();
            if (comment.trim() !== '') unlink.mutate();
          }}
        >
          <label htmlFor={commentId}>{t('identityReview.unlinkComment')}</label>
          <input id={commentId} name="comment" data-testid="unlink-comment" value={comment} maxLength={2000} required onChange={(event) => setComment(event.target.value)} />
          <button type="submit" data-testid="unlink" disabled={unlink.isPending || comment.trim() === ''}>
            {t('identityReview.unlink')}
          </button>
          {unlink.isError && <p role="alert" className="error">{t('identityReview.failed', { reason: unlink.error.message })}</p>}
        </form>
      )}
    </li>
  );
}

function PersonHistory({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const history = useQuery(personHistoryQuery(personId));
  return (
    <section aria-labelledby="review-history-heading">
      <h3 id="review-history-heading">{t('identityReview.history')}</h3>
      {history.isPending && <p role="status">{t('identityReview.loading')}</p>}
      {history.isError && <p role="alert" className="error">{t('identityReview.failed', { reason: history.error.message })}</p>}
      {history.data && (
        <table className="review-history" data-testid="person-history" data-count={history.data.length}>
          <thead>
            <tr>
              <th scope="col">{t('identityReview.when')}</th>
              <th scope="col">{t('identityReview.who')}</th>
              <th scope="col">{t('identityReview.what')}</th>
              <th scope="col">{t('identityReview.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((event, index) => (
              <tr key={index} data-event={event.event}>
                <td>
                  <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>
                </td>
                <td>{event.who ?? ''}</td>
                <td>
                  {t(`identityReview.event.${event.event}`, { defaultValue: event.event })}
                  {event.record && <span className="review-identifier"> {event.record.value}</span>}
                </td>
                <td>{event.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
