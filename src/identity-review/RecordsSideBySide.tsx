import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { SIDE_BY_SIDE_TRAITS, traitAgreement, traitText, type ReviewRecord } from '../domain/identityReview/reviewModel.ts';

/** The site's name for a record (or its identifier system when no configured site holds it). */
export function siteName(config: PublicConfig, record: ReviewRecord): string {
  return config.sites.find((site) => site.id === record.site)?.name ?? record.site ?? record.system;
}

/** Two records of a possible match side by side: site and identifier, then each trait, marked same / differ / missing. */
export function RecordsSideBySide({ config, records }: { config: PublicConfig; records: readonly [ReviewRecord, ReviewRecord] }) {
  const { t } = useTranslation();
  const [a, b] = records;
  return (
    <table className="review-side-by-side">
      <thead>
        <tr>
          <th scope="col">{t('identityReview.trait')}</th>
          {records.map((record) => (
            <th scope="col" key={record.id} data-record-id={record.id}>
              <span className="review-site">{siteName(config, record)}</span>
              <span className="review-identifier">{record.value}</span>
            </th>
          ))}
          <th scope="col">{t('identityReview.comparison')}</th>
        </tr>
      </thead>
      <tbody>
        {SIDE_BY_SIDE_TRAITS.map((trait) => {
          const agreement = traitAgreement(a, b, trait);
          return (
            <tr key={trait} data-trait={trait} data-agreement={agreement} className={`agreement-${agreement}`}>
              <th scope="row">{t(`identityReview.field.${trait}`)}</th>
              {records.map((record) => (
                <td key={record.id}>
                  {trait === 'sex' && record.sex
                    ? t(`identityReview.sex.${record.sex}`, { defaultValue: record.sex })
                    : traitText(record, trait) || <span className="muted">{t('identityReview.unknown')}</span>}
                  {trait === 'ins' && record.ins && (
                    <span className="review-ins-status" data-ins-status={record.ins.status ?? 'unknown'}>
                      {' '}
                      ({t(`identityReview.insStatus.${record.ins.status ?? 'unknown'}`)})
                    </span>
                  )}
                </td>
              ))}
              <td>{t(`identityReview.agreement.${agreement}`)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
