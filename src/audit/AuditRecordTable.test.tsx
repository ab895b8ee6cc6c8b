import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { createInstance } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { AuditRow } from '../domain/audit/auditRows.ts';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { AuditRecordTable } from './AuditRecordTable.tsx';

const config: PublicConfig = {
  sites: [{ id: 'chu', name: 'CHU Val de Saône', issuerOfPatientId: 'CHU-VDS', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1', dicomweb: '/sites/chu/dicom-web', timeoutMs: 8000 }],
  identity: { pixm: null },
};
const row: AuditRow = {
  id: '12',
  recorded: '2026-11-18T09:30:00.000Z',
  userId: 'radiologue',
  userName: '<img src=x onerror=alert(1)>',
  roles: ['clinician'],
  organisation: 'CHU Val de Saône',
  clientAddress: '10.0.0.7',
  action: 'study-view',
  siteId: 'chu',
  studyUid: '1.2.3.4',
  patient: { system: 'urn:oid:1.2.250.1.999.1.1', value: '<script>A100001' },
  outcome: 'denied',
  outcomeDesc: 'HTTP 403',
  criteria: null,
};

async function render(language: string): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ lng: language, resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <AuditRecordTable config={config} rows={[row]} onAsk={() => undefined} />
    </I18nextProvider>,
  );
}

describe('the audit record table', () => {
  it('shows each record with its data hooks, untrusted strings as text', async () => {
    const html = await render('en');
    expect(html).toContain('data-testid="audit-record"');
    expect(html).toContain('data-patient="urn:oid:1.2.250.1.999.1.1|&lt;script&gt;A100001"');
    expect(html).toContain('data-outcome="denied"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('viewed a study');
    expect(html).toContain('CHU Val de Saône');
  });

  it('speaks French', async () => {
    const html = await render('fr');
    expect(html).toContain('a consulté un examen');
    expect(html).toContain('refusé');
    expect(html).toContain('Quand');
  });
});
