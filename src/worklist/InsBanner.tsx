import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { insIdentityQuery } from '../adapters/insIdentityQuery.ts';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { PixmIdentifier } from '../domain/identity/identifierSystem.ts';
import { identifierSystemKey } from '../domain/identity/identifierSystem.ts';
import { formatDicomDate, parseIsoDate } from '../domain/dicom/dicomDate.ts';
import { displayLocale } from '../i18n/i18n.ts';

/**
 * The patient's INS, when the identity service knows one, with the strict traits that go with it (birth name,
 * given names, birth date, sex) as the identity manager holds them. `data-testid="patient-ins"` with `data-ins`
 * (the value) and `data-ins-system` (its system).
 */
export function InsBanner({ config, ins }: { config: PublicConfig; ins: PixmIdentifier }) {
  const { t, i18n } = useTranslation();
  const locale = displayLocale(i18n.resolvedLanguage);
  const identity = useQuery(insIdentityQuery(config, ins)).data;
  const birthDate = identity?.birthDate ? parseIsoDate(identity.birthDate) : undefined;
  const traits = [
    identity?.birthName && t('ins.birthName', { name: identity.birthName }),
    identity && identity.givenNames.length > 0 && t('ins.givenNames', { names: identity.givenNames.join(' ') }),
    birthDate && t('ins.birthDate', { date: formatDicomDate(birthDate, locale, 'medium') }),
    identity?.sex && t(`ins.sex.${identity.sex}`),
  ].filter((trait): trait is string => typeof trait === 'string' && trait !== '');
  return (
    <p className="patient-ins" data-testid="patient-ins" data-ins={ins.value} data-ins-system={ins.system}>
      <span>{t('ins.label', { ins: ins.value, kind: t(`ins.kind.${identifierSystemKey(ins.system).split('.').pop() ?? ''}`, { defaultValue: 'INS' }) })}</span>
      {traits.length > 0 && <span className="strict-traits"> · {traits.join(' · ')}</span>}
    </p>
  );
}
