import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { AuditQuestion, AuditRow } from '../domain/audit/auditRows.ts';
import { displayLocale } from '../i18n/i18n.ts';

/**
 * The trail's records, newest first. Every string comes from the trail (user names from the identity provider,
 * patient IDs from archives): untrusted text, rendered as text. A user or a patient in a row asks the other question
 * about them.
 */
export function AuditRecordTable({ config, rows, onAsk }: { config: PublicConfig; rows: readonly AuditRow[]; onAsk: (question: AuditQuestion) => void }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(displayLocale(i18n.resolvedLanguage), { dateStyle: 'short', timeStyle: 'medium' });
  const siteName = (siteId: string | null) => (siteId === null ? t('audit.none') : (config.sites.find((site) => site.id === siteId)?.name ?? siteId));
  const columns = ['when', 'who', 'from', 'action', 'site', 'study', 'patient', 'outcome'] as const;

  return (
    <table className="timeline audit-records" data-testid="audit-records">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {t(`audit.columns.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.id}
            data-testid="audit-record"
            data-record-id={row.id}
            data-recorded={row.recorded}
            data-action={row.action}
            data-outcome={row.outcome}
            data-user-id={row.userId ?? ''}
            data-site-id={row.siteId ?? ''}
            data-study-uid={row.studyUid ?? ''}
            data-patient={row.patient ? `${row.patient.system ?? ''}|${row.patient.value}` : ''}
          >
            <td>
              <time dateTime={row.recorded}>{row.recorded ? time.format(new Date(row.recorded)) : t('audit.none')}</time>
            </td>
            <td>
              {row.userId === null ? (
                <span className="muted">{t('audit.noUser')}</span>
              ) : (
                <>
                  {row.userName && <div>{row.userName}</div>}
                  <button type="button" className="link-button" title={t('audit.askUser', { userId: row.userId })} onClick={() => onAsk({ kind: 'agent', userId: row.userId! })}>
                    {row.userId}
                  </button>
                  {row.roles.length > 0 && <div className="muted">{t('audit.roles', { roles: row.roles.join(', ') })}</div>}
                  {row.organisation && <div className="muted">{row.organisation}</div>}
                </>
              )}
            </td>
            <td>{row.clientAddress ?? t('audit.none')}</td>
            <td>
              {t(`audit.action.${row.action}`, { defaultValue: row.action })}
              {row.criteria && <div className="muted audit-criteria">{t('audit.criteria', { criteria: row.criteria })}</div>}
            </td>
            <td>{siteName(row.siteId)}</td>
            <td className="uid">{row.studyUid ?? t('audit.none')}</td>
            <td>
              {row.patient === null ? (
                t('audit.none')
              ) : (
                <>
                  <button
                    type="button"
                    className="link-button"
                    title={t('audit.askPatient', { value: row.patient.value })}
                    onClick={() => row.patient && onAsk({ kind: 'patient', system: row.patient.system ?? '', value: row.patient.value })}
                  >
                    {row.patient.value}
                  </button>
                  {row.patient.system && <div className="muted uid">{row.patient.system}</div>}
                </>
              )}
            </td>
            <td className={row.outcome === 'success' ? undefined : 'error'}>
              {t(`audit.outcome.${row.outcome}`)}
              {row.outcomeDesc && <div className="muted">{row.outcomeDesc}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
