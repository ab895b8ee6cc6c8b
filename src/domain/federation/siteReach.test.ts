import { describe, expect, it } from 'vitest';
import type { SiteId } from '../dicom/identifiers.ts';
import type { IdentityResolution, SitePatient } from '../identity/identityResolution.ts';
import { siteReach, type SearchProgress } from './siteReach.ts';

const chuPatient: SitePatient = { siteId: 'chu' as SiteId, patientId: 'A100001', issuerOfPatientId: 'CHU' };
const cgflPatient: SitePatient = { siteId: 'cgfl' as SiteId, patientId: 'B-778899', issuerOfPatientId: 'CGFL' };
const linkedToCgfl: IdentityResolution = { kind: 'linked', patient: chuPatient, others: [cgflPatient], ignored: [] };
const alone: IdentityResolution = { kind: 'alone', patient: chuPatient, why: 'unknown-patient', ignored: [] };

/** A Patient ID search at chu that answered `ok`, with the identity service configured. */
const byChuId = (change: Partial<SearchProgress> = {}): SearchProgress => ({
  askedSiteIds: ['chu'],
  directOutcomes: [{ siteId: 'chu', outcome: { status: 'ok' } }],
  identityConfigured: true,
  crossReferences: [],
  ...change,
});

describe('siteReach', () => {
  it('a site asked directly is searched, whatever the identity service says (a name search asks every site)', () => {
    const progress = byChuId({ askedSiteIds: ['chu', 'cgfl'], identityConfigured: false, crossReferences: [undefined] });
    expect(siteReach('chu', progress)).toEqual({ kind: 'searched' });
    expect(siteReach('cgfl', progress)).toEqual({ kind: 'searched' });
  });

  it('another site waits for the ID’s own site, then for the identity service, never reading as answered', () => {
    expect(siteReach('cgfl', byChuId({ directOutcomes: [{ siteId: 'chu', outcome: undefined }] }))).toEqual({
      kind: 'waiting',
      reason: { kind: 'source', siteId: 'chu' },
    });
    expect(siteReach('cgfl', byChuId({ crossReferences: [undefined] }))).toEqual({ kind: 'waiting', reason: { kind: 'identity' } });
  });

  it('is searched once the identity service links the patient to an identifier there (ITI-83)', () => {
    expect(siteReach('cgfl', byChuId({ crossReferences: [linkedToCgfl] }))).toEqual({ kind: 'searched' });
    // The study already known (the viewer's) is cross-referenced before its site answers.
    expect(siteReach('cgfl', byChuId({ directOutcomes: [{ siteId: 'chu', outcome: undefined }], crossReferences: [linkedToCgfl] }))).toEqual({ kind: 'searched' });
  });

  it('keeps waiting while another patient’s cross-reference is in flight', () => {
    expect(siteReach('cgfl', byChuId({ crossReferences: [linkedToCgfl, undefined] }))).toEqual({ kind: 'waiting', reason: { kind: 'identity' } });
  });

  it('is not searched when the identity service knows no identifier of the patient there (200 without it, or 404)', () => {
    const linkedElsewhere: IdentityResolution = { ...linkedToCgfl, others: [{ ...cgflPatient, siteId: 'beaune' as SiteId }] };
    for (const resolution of [alone, { ...alone, why: 'no-links' } as const, linkedElsewhere]) {
      expect(siteReach('cgfl', byChuId({ crossReferences: [resolution] }))).toEqual({ kind: 'not-searched', reasons: [{ kind: 'no-identifier' }] });
    }
  });

  it('says when no identity service is configured, at once', () => {
    const progress = byChuId({ identityConfigured: false, directOutcomes: [{ siteId: 'chu', outcome: undefined }] });
    expect(siteReach('cgfl', progress)).toEqual({ kind: 'not-searched', reasons: [{ kind: 'identity-not-configured' }] });
  });

  it('tells an identity service that failed from one that refused the identifier system (400/403)', () => {
    const failed: IdentityResolution = { kind: 'unavailable', patient: chuPatient, cause: 'failed', reason: 'HTTP 503' };
    expect(siteReach('cgfl', byChuId({ crossReferences: [failed] }))).toEqual({
      kind: 'not-searched',
      reasons: [{ kind: 'identity-unavailable', detail: 'HTTP 503' }],
    });
    const refused: IdentityResolution = { kind: 'unavailable', patient: chuPatient, cause: 'unknown-domain', reason: 'refused: code-invalid' };
    expect(siteReach('cgfl', byChuId({ crossReferences: [refused] }))).toEqual({
      kind: 'not-searched',
      reasons: [{ kind: 'identifier-system-unknown', siteId: 'chu', detail: 'refused: code-invalid' }],
    });
  });

  it('says when the ID’s own site found nobody, or did not answer', () => {
    expect(siteReach('cgfl', byChuId())).toEqual({ kind: 'not-searched', reasons: [{ kind: 'nothing-found', siteId: 'chu' }] });
    expect(siteReach('cgfl', byChuId({ directOutcomes: [{ siteId: 'chu', outcome: { status: 'timeout' } }] }))).toEqual({
      kind: 'not-searched',
      reasons: [{ kind: 'source-failed', siteId: 'chu' }],
    });
  });

  it('gives each distinct reason once, the most telling first', () => {
    const notLinkable: IdentityResolution = { kind: 'not-linkable', patient: { siteId: 'chu', patientId: 'X' }, reason: 'missing-issuer', detail: 'no issuer' };
    const failed: IdentityResolution = { kind: 'unavailable', patient: chuPatient, cause: 'failed', reason: 'HTTP 503' };
    const reach = siteReach('cgfl', byChuId({ crossReferences: [alone, notLinkable, failed, alone, failed] }));
    expect(reach).toEqual({
      kind: 'not-searched',
      reasons: [{ kind: 'identity-unavailable', detail: 'HTTP 503' }, { kind: 'not-linkable', siteId: 'chu', detail: 'no issuer' }, { kind: 'no-identifier' }],
    });
  });
});
