import { describe, expect, it } from 'vitest';
import { accessFor } from './accessRules.ts';

describe('access rules', () => {
  it('asks a clinician for the archives and the identity service, an auditor for the trail', () => {
    expect(accessFor('/sites/chu-dijon/dicom-web/studies')).toEqual({ kind: 'role', role: 'clinician' });
    expect(accessFor('/SITES/chu-dijon/dicom-web/studies')).toEqual({ kind: 'role', role: 'clinician' });
    expect(accessFor('/identity/pixm/Patient/$ihe-pix')).toEqual({ kind: 'role', role: 'clinician' });
    expect(accessFor('/audit/AuditEvent?_count=5')).toEqual({ kind: 'role', role: 'auditor' });
    expect(accessFor('/identity/fhir/Patient')).toEqual({ kind: 'role', role: 'clinician' });
    expect(accessFor('/identity/fhir/Patient/$ihe-pix')).toEqual({ kind: 'role', role: 'clinician' });
    expect(accessFor('/identity/review')).toEqual({ kind: 'signed-in' });
  });

  it('gives the identity review to identity officers only', () => {
    for (const path of ['/identity/review/queue', '/identity/review/queue/4/decision', '/Identity/Review/persons?q=x', '/identity/review/records/1/unlink']) {
      expect(accessFor(path), path).toEqual({ kind: 'role', role: 'identity-officer' });
    }
    expect(accessFor('/identity-review')).toEqual({ kind: 'public' });
  });

  it("leaves the identity manager's CapabilityStatement public", () => {
    expect(accessFor('/identity/fhir/metadata')).toEqual({ kind: 'public' });
  });

  it('leaves the app, its configuration and sign-in public', () => {
    for (const path of ['/', '/config.json', '/assets/index.js', '/auth/login', '/viewer/chu-dijon/1.2.3', '/IHEInvokeImageDisplay?requestType=STUDY', '/audit']) {
      expect(accessFor(path), path).toEqual({ kind: 'public' });
    }
  });
});
