import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { personSearchQuery, reviewQueueQuery } from '../adapters/identityReview.ts';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { personLabel } from '../domain/identityReview/reviewModel.ts';
import { IdentityReviewNav } from './IdentityReviewNav.tsx';
import { PersonView } from './PersonView.tsx';
import { ReviewItemCard } from './ReviewItemCard.tsx';
import './identityReview.css';

const PAGE = 10;

/** `/identity-review`: the identity officer's queue of possible matches, person search, and a person (`?person=id`). */
export function IdentityReviewPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const personId = params.get('person');
  return (
    <section className="identity-review" data-testid="identity-review-page" aria-labelledby="identity-review-heading">
      <h1 id="identity-review-heading">{t('identityReview.heading')}</h1>
      <IdentityReviewNav />
      <p className="muted">{t('identityReview.intro')}</p>
      <PersonSearch />
      {personId ? <PersonView key={personId} config={config} personId={personId} /> : <ReviewQueue config={config} />}
    </section>
  );
}

function ReviewQueue({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const queue = useQuery(reviewQueueQuery(offset, PAGE));
  return (
    <section aria-labelledby="review-queue-heading" aria-busy={queue.isPending}>
      <h2 id="review-queue-heading">{t('identityReview.queue')}</h2>
      {queue.isPending && <p role="status">{t('identityReview.loading')}</p>}
      {queue.isError && <p role="alert" className="error">{t('identityReview.failed', { reason: queue.error.message })}</p>}
      {queue.data && (
        <>
          <p role="status" className="muted">{t('identityReview.waiting', { count: queue.data.total })}</p>
          <ol className="review-queue" data-testid="review-queue" data-total={queue.data.total} data-offset={offset}>
            {queue.data.items.map((item) => (
              <ReviewItemCard key={item.id} config={config} item={item} />
            ))}
          </ol>
          <nav className="review-pager" aria-label={t('identityReview.pages')}>
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('identityReview.previous')}
            </button>
            <button type="button" disabled={offset + PAGE >= queue.data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('identityReview.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

function PersonSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  const found = useQuery(personSearchQuery(asked));
  return (
    <section aria-labelledby="review-search-heading">
      <h2 id="review-search-heading">{t('identityReview.searchHeading')}</h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setAsked(text.trim());
        }}
      >
        <label htmlFor="review-search">{t('identityReview.searchLabel')}</label>
        <input id="review-search" name="q" data-testid="person-search" value={text} minLength={2} onChange={(event) => setText(event.target.value)} />
        <button type="submit">{t('identityReview.search')}</button>
      </form>
      {found.isError && <p role="alert" className="error">{t('identityReview.failed', { reason: found.error.message })}</p>}
      {found.data && (
        <ul data-testid="person-results" data-count={found.data.length}>
          {found.data.length === 0 && <li className="muted">{t('identityReview.noPerson')}</li>}
          {found.data.map((person) => (
            <li key={person.id} data-person-id={person.id}>
              <Link to={`/identity-review?person=${encodeURIComponent(person.id)}`}>{personLabel(person)}</Link>{' '}
              <span className="muted">{t('identityReview.recordCount', { count: person.records.length })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
