import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import { identifierSystemKey } from '../domain/identity/identifierSystem.ts';
import { INS_SYSTEMS, insSearchSite } from '../domain/identity/insIdentifier.ts';

/** The form's fields, as they stand in the worklist URL (UI contract: `/?patientName=…`). */
export interface SearchFormValues {
  patientName: string;
  patientId: string;
  patientIdSite: string;
  accessionNumber: string;
  studyDateFrom: string;
  studyDateTo: string;
  modality: string;
}

export const SEARCH_FIELDS: readonly (keyof SearchFormValues)[] = [
  'patientName',
  'patientId',
  'patientIdSite',
  'accessionNumber',
  'studyDateFrom',
  'studyDateTo',
  'modality',
];

const MODALITIES = ['CT', 'MR', 'CR', 'DX', 'US', 'PT', 'NM', 'MG', 'XA', 'RF', 'SR', 'DOC'];

export function formValuesFrom(params: URLSearchParams): SearchFormValues {
  const values = {} as SearchFormValues;
  for (const field of SEARCH_FIELDS) values[field] = params.get(field) ?? '';
  return values;
}

/** Search form: Enter in any field submits; every control has a label. */
export function WorklistSearchForm(props: { config: PublicConfig; initial: SearchFormValues; onSearch: (values: SearchFormValues) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState(props.initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (field: keyof SearchFormValues) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const hasCriteria = SEARCH_FIELDS.some((field) => field !== 'patientIdSite' && values[field].trim() !== '');
    if (!hasCriteria) {
      setProblem(t('worklist.needCriteria'));
      return;
    }
    setProblem(null);
    props.onSearch(values);
  };

  return (
    <form className="search-form" role="search" aria-label={t('worklist.searchHeading')} onSubmit={submit}>
      <label>
        <span>{t('worklist.patientName')}</span>
        <input name="patientName" type="search" autoComplete="off" value={values.patientName} onChange={set('patientName')} title={t('worklist.patientNameHint')} autoFocus />
      </label>
      <label>
        <span>{t('worklist.patientId')}</span>
        <input name="patientId" type="search" autoComplete="off" value={values.patientId} onChange={set('patientId')} />
      </label>
      <label>
        <span>{t('worklist.patientIdSite')}</span>
        <select name="patientIdSite" value={values.patientIdSite} onChange={set('patientIdSite')}>
          <option value="">{t('worklist.allSites')}</option>
          {props.config.sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name} ({site.issuerOfPatientId})
            </option>
          ))}
          {props.config.identity.pixm !== null &&
            INS_SYSTEMS.map((system) => (
              <option key={system} value={insSearchSite(system)}>
                {t(`ins.kind.${identifierSystemKey(system).split('.').pop() ?? ''}`)}
              </option>
            ))}
        </select>
      </label>
      <label>
        <span>{t('worklist.accessionNumber')}</span>
        <input name="accessionNumber" type="search" autoComplete="off" value={values.accessionNumber} onChange={set('accessionNumber')} />
      </label>
      <label>
        <span>{t('worklist.studyDateFrom')}</span>
        <input name="studyDateFrom" type="date" value={values.studyDateFrom} onChange={set('studyDateFrom')} />
      </label>
      <label>
        <span>{t('worklist.studyDateTo')}</span>
        <input name="studyDateTo" type="date" value={values.studyDateTo} onChange={set('studyDateTo')} />
      </label>
      <label>
        <span>{t('worklist.modality')}</span>
        <select name="modality" value={values.modality} onChange={set('modality')}>
          <option value="">{t('worklist.anyModality')}</option>
          {MODALITIES.map((modality) => (
            <option key={modality} value={modality}>
              {modality}
            </option>
          ))}
        </select>
      </label>
      <div className="search-actions">
        <button type="submit" className="primary">
          {t('worklist.search')}
        </button>
        <button type="button" onClick={() => setValues(formValuesFrom(new URLSearchParams()))}>
          {t('worklist.clear')}
        </button>
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </form>
  );
}
