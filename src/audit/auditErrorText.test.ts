import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { AuditReadError } from '../adapters/auditEvents.ts';
import { en } from '../i18n/en.ts';
import { fr } from '../i18n/fr.ts';
import { auditErrorText } from './auditErrorText.ts';

describe('audit errors in words', () => {
  it('says a 403 is a missing auditor role, a 401 a missing sign-in, and anything else as the server put it', async () => {
    const i18n = createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
    const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);
    expect(auditErrorText(new AuditReadError(403, 'the roles of radiologue do not include auditor'), t)).toBe('Your roles do not include auditor: the audit trail is for auditors only.');
    expect(auditErrorText(new AuditReadError(401, 'sign in'), t)).toBe('Sign in to read the audit trail.');
    expect(auditErrorText(new AuditReadError(400, 'date: must be …'), t)).toBe('The audit trail could not be read: date: must be …');
    await i18n.changeLanguage('fr');
    expect(auditErrorText(new AuditReadError(403, ''), t)).toContain('n’incluent pas celui d’auditeur');
  });
});
