import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { AuditQuestion } from '../domain/audit/auditRows.ts';

/** The auditor's two questions: who looked at this patient, what did this user look at. Enter submits each. */
export function AuditQuestionForms({ config, asked, onAsk }: { config: PublicConfig; asked: AuditQuestion | undefined; onAsk: (question: AuditQuestion) => void }) {
  const { t } = useTranslation();
  const [system, setSystem] = useState(asked?.kind === 'patient' ? asked.system : (config.sites[0]?.patientIdSystem ?? ''));
  const [patientId, setPatientId] = useState(asked?.kind === 'patient' ? asked.value : '');
  const [userId, setUserId] = useState(asked?.kind === 'agent' ? asked.userId : '');
  const [missing, setMissing] = useState<'patient' | 'agent' | undefined>();
  const systems = [...new Map(config.sites.map((site) => [site.patientIdSystem, site])).values()];
  const knownSystem = system === '' || systems.some((site) => site.patientIdSystem === system);

  const askPatient = (event: FormEvent) => {
    event.preventDefault();
    if (patientId.trim() === '') return setMissing('patient');
    setMissing(undefined);
    onAsk({ kind: 'patient', system, value: patientId.trim() });
  };
  const askUser = (event: FormEvent) => {
    event.preventDefault();
    if (userId.trim() === '') return setMissing('agent');
    setMissing(undefined);
    onAsk({ kind: 'agent', userId: userId.trim() });
  };

  return (
    <div className="audit-questions">
      <form className="search-form" data-testid="audit-patient-form" aria-labelledby="audit-patient-question" onSubmit={askPatient}>
        <h2 id="audit-patient-question">{t('audit.patientQuestion')}</h2>
        <label>
          {t('audit.patientSystem')}
          <select name="patientSystem" value={system} onChange={(event) => setSystem(event.target.value)}>
            {systems.map((site) => (
              <option key={site.patientIdSystem} value={site.patientIdSystem}>
                {t('audit.patientSystemSite', { site: site.name, system: site.patientIdSystem })}
              </option>
            ))}
            {!knownSystem && <option value={system}>{system}</option>}
            <option value="">{t('audit.patientSystemAny')}</option>
          </select>
        </label>
        <label>
          {t('audit.patientId')}
          <input name="patientId" value={patientId} autoComplete="off" spellCheck={false} onChange={(event) => setPatientId(event.target.value)} />
        </label>
        <button type="submit">{t('audit.ask')}</button>
        {missing === 'patient' && (
          <p role="alert" className="error">
            {t('audit.needValue')}
          </p>
        )}
      </form>
      <form className="search-form" data-testid="audit-user-form" aria-labelledby="audit-user-question" onSubmit={askUser}>
        <h2 id="audit-user-question">{t('audit.userQuestion')}</h2>
        <label>
          {t('audit.userId')}
          <input name="userId" value={userId} autoComplete="off" spellCheck={false} onChange={(event) => setUserId(event.target.value)} />
        </label>
        <button type="submit">{t('audit.ask')}</button>
        {missing === 'agent' && (
          <p role="alert" className="error">
            {t('audit.needValue')}
          </p>
        )}
      </form>
    </div>
  );
}
