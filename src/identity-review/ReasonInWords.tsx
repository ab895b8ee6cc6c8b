import { useTranslation } from 'react-i18next';
import { reasonInWords } from '../domain/identityReview/reviewModel.ts';

/** Why the matcher put the pair here (or linked a record): its rule, score and fields, in words. */
export function ReasonInWords({ reason }: { reason: Record<string, unknown> }) {
  const { t } = useTranslation();
  const parts = reasonInWords(reason);
  if (parts.length === 0) return <p className="muted">{t('identityReview.reason.none')}</p>;
  return (
    <ul className="review-reason" data-testid="review-reason">
      {parts.map((part) => (
        <li key={part.key} data-reason={part.key}>
          {t(`identityReview.reason.${part.key}`, {
            ...part.values,
            ...(part.values?.rule !== undefined ? { rule: t(`identityReview.rule.${part.values.rule}`, { defaultValue: part.values.rule }) } : {}),
            ...(part.fields ? { fields: part.fields.map((field) => t(`identityReview.field.${field}`, { defaultValue: field })).join(', ') } : {}),
          })}
        </li>
      ))}
    </ul>
  );
}
