import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { AuditReadError, auditRowsQuery } from '../adapters/auditEvents.ts';
import { auditErrorText } from './auditErrorText.ts';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { auditQuestionFrom, auditQuestionParams, DEFAULT_AUDIT_ROWS, type AuditQuestion } from '../domain/audit/auditRows.ts';
import { AuditQuestionForms } from './AuditQuestionForms.tsx';
import { AuditRecordTable } from './AuditRecordTable.tsx';
import './audit.css';

/** `/audit`: the auditor's reading of the trail. The question lives in the URL (`?patient=system|value` or `?agent=id`). */
export function AuditPage({ config }: { config: PublicConfig }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const question = auditQuestionFrom(params);
  const ask = (next: AuditQuestion) => navigate(`/audit?${auditQuestionParams(next).toString()}`);

  return (
    <section className="audit" data-testid="audit-page" aria-labelledby="audit-heading">
      <h1 id="audit-heading">{t('audit.heading')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <AuditQuestionForms key={params.toString()} config={config} asked={question} onAsk={ask} />
      {question ? <AuditResults config={config} question={question} onAsk={ask} /> : <p className="muted">{t('audit.nothingAsked')}</p>}
    </section>
  );
}

function AuditResults({ config, question, onAsk }: { config: PublicConfig; question: AuditQuestion; onAsk: (question: AuditQuestion) => void }) {
  const { t } = useTranslation();
  const result = useQuery(auditRowsQuery(question));
  const state = result.isPending ? 'loading' : result.isError ? 'error' : 'ok';
  const heading =
    question.kind === 'patient'
      ? t('audit.resultsFor.patient', { value: question.value, system: question.system || t('audit.patientSystemAny') })
      : t('audit.resultsFor.agent', { userId: question.userId });

  return (
    <section aria-labelledby="audit-results-heading" aria-busy={result.isPending} data-testid="audit-results" data-state={state} data-count={result.data?.length ?? 0}>
      <h2 id="audit-results-heading">{heading}</h2>
      {result.isPending && <p role="status">{t('audit.loading')}</p>}
      {result.isError && (
        <p role="alert" className="error" data-testid="audit-error" data-status={result.error instanceof AuditReadError ? result.error.status : ''}>
          {auditErrorText(result.error, t)}
        </p>
      )}
      {result.data && (
        <>
          <p className="muted" role="status">
            {t('audit.count', { count: result.data.length })}
            {result.data.length >= DEFAULT_AUDIT_ROWS && <> · {t('audit.limited', { count: DEFAULT_AUDIT_ROWS })}</>}
          </p>
          {result.data.length === 0 ? <p className="muted">{t('audit.empty')}</p> : <AuditRecordTable config={config} rows={result.data} onAsk={onAsk} />}
        </>
      )}
    </section>
  );
}
