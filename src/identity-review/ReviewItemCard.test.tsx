import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { renderToString } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { PublicConfig } from '../domain/config/publicConfig.ts';
import type { QueueItem, ReviewRecord } from '../domain/identityReview/reviewModel.ts';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { ReviewItemCard } from './ReviewItemCard.tsx';

const config: PublicConfig = {
  sites: [
    { id: 'chu', name: 'CHU Val de Saône', issuerOfPatientId: 'CHU-VDS', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1', dicomweb: '/sites/chu/dicom-web', timeoutMs: 8000 },
    { id: 'cgfl', name: 'Centre Lumière', issuerOfPatientId: 'CL', patientIdSystem: 'urn:oid:1.2.250.1.999.2.1', dicomweb: '/sites/cgfl/dicom-web', timeoutMs: 8000 },
  ],
  identity: { pixm: null },
};

const record = (overrides: Partial<ReviewRecord>): ReviewRecord => ({
  id: '1',
  system: 'urn:oid:1.2.250.1.999.1.1',
  value: 'CHU-1',
  site: 'chu',
  birthName: 'GARNIER',
  usedName: null,
  givenNames: ['Louis'],
  birthDate: '1990-06-03',
  sex: 'male',
  ins: { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '190067512300011', status: 'qualified' },
  personId: '1',
  link: null,
  deleted: false,
  ...overrides,
});

const item: QueueItem = {
  id: '42',
  createdAt: '2026-11-18T09:30:00.000Z',
  deferredAt: null,
  reason: { matcher: 'ins-rules', rule: 'same-ins-strict-traits-differ', agreeing: ['birthName', 'sex'], differing: ['birthDate'], missing: [] },
  records: [record({}), record({ id: '2', system: 'urn:oid:1.2.250.1.999.2.1', value: '<img src=x onerror=alert(1)>', site: 'cgfl', birthDate: '1990-03-06', ins: { system: 'urn:oid:1.2.250.1.213.1.4.10', value: '190067512300011', status: null } })],
};

async function render(language: string): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ lng: language, resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
  return renderToString(
    <QueryClientProvider client={new QueryClient()}>
      <I18nextProvider i18n={i18n}>
        <ReviewItemCard config={config} item={item} />
      </I18nextProvider>
    </QueryClientProvider>,
  );
}

describe('a review item', () => {
  it('shows both records side by side, the reason in words, and three labelled decisions; untrusted strings as text', async () => {
    const html = await render('en');
    expect(html).toContain('data-testid="review-item"');
    expect(html).toContain('data-item-id="42"');
    expect(html).toContain('data-trait="birthDate" data-agreement="differ"');
    expect(html).toContain('data-trait="birthName" data-agreement="same"');
    expect(html).toContain('qualified identity');
    expect(html).toContain('status not stated');
    expect(html).toContain('same INS, but strict traits differ');
    expect(html).toContain('Differ: Birth date');
    for (const choice of ['link', 'not-same', 'later']) expect(html).toContain(`data-choice="${choice}"`);
    expect(html).toContain('Not the same person');
    expect(html).toMatch(/<label for="[^"]+">Comment<\/label>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });

  it('speaks French', async () => {
    const html = await render('fr');
    expect(html).toContain('Pas la même personne');
    expect(html).toContain('identité qualifiée');
    expect(html).toContain('Diffèrent : Date de naissance');
  });
});
