import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { displayLocale } from '../i18n/i18n.ts';
import { formatDicomDate } from '../domain/dicom/dicomDate.ts';
import { formatPersonName } from '../domain/dicom/personNameDisplay.ts';
import type { PatientGroup } from '../domain/federation/patientGroups.ts';
import { StudyTimeline } from './StudyTimeline.tsx';

/**
 * One real person across sites: names, birth date, sex, every identity it was found under, doubts, studies;
 * `banner`: what the identity service adds (the INS and its strict traits).
 */
export function PatientGroupCard({ config, group, banner }: { config: PublicConfig; group: PatientGroup; banner?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  const siteName = (siteId: string) => config.sites.find((site) => site.id === siteId)?.name ?? siteId;
  const names = [...new Set(group.identities.map((identity) => formatPersonName(identity.name)).filter((name) => name !== ''))];
  const first = group.identities.find((identity) => identity.birthDate) ?? group.identities[0];
  const headingId = `patient-${group.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  return (
    <article className={`patient-group link-${group.linkState}`} data-testid="patient-group" data-patient-key={group.key} data-link-state={group.linkState} aria-labelledby={headingId}>
      <header>
        <h2 id={headingId}>{names.join(' / ') || t('worklist.unknown')}</h2>
        <p className="demographics">
          {first?.birthDate && <span>{t('worklist.born', { date: formatDicomDate(first.birthDate, locale, 'medium') })}</span>}
          {first?.sex && <span> · {t(`worklist.sex.${first.sex}`, { defaultValue: first.sex })}</span>}
        </p>
        {banner}
        <ul className="identities">
          {group.identities.map((identity) => (
            <li key={`${identity.siteId}|${identity.patientId}`}>
              {t('worklist.foundUnder', { patientId: identity.patientId, issuer: identity.issuerOfPatientId ?? t('worklist.noIssuer'), site: siteName(identity.siteId) })}
            </li>
          ))}
        </ul>
        <p className="link-state">{t(`worklist.linkState.${group.linkState}`, { reasons: group.unlinkedReasons.join('; ') })}</p>
        {group.warnings.map((warning) => (
          <p key={warning.kind} className={`identity-warning severity-${warning.severity}`} data-testid="identity-warning" data-kind={warning.kind} role={warning.severity === 'warning' ? 'alert' : undefined}>
            {t(`worklist.warning.${warning.kind}`, { values: warning.values.map((value) => `${siteName(value.siteId)}: ${value.value}`).join(' ≠ ') })}
          </p>
        ))}
      </header>
      <StudyTimeline config={config} studies={group.studies} patientKey={group.key} />
    </article>
  );
}
