import { describe, expect, it } from 'vitest';
import { seriesIdentityMismatch } from './seriesIdentity.ts';

const instance = (patientId: string, issuer?: string) => ({
  '00100020': { vr: 'LO', Value: [patientId] },
  ...(issuer === undefined ? {} : { '00100021': { vr: 'LO', Value: [issuer] } }),
});

describe('series identity check', () => {
  const martin = { patientId: '300042', issuerOfPatientId: 'CHU-DIJON' };

  it('passes when every instance carries the item identity', () => {
    expect(seriesIdentityMismatch(martin, [instance('300042', 'CHU-DIJON'), instance('300042', 'CHU-DIJON')])).toBeUndefined();
  });

  it('the same Patient ID under another issuer is another person', () => {
    expect(seriesIdentityMismatch(martin, [instance('300042', 'CGFL')])).toEqual({ patientId: '300042', issuerOfPatientId: 'CGFL' });
  });

  it('one stray instance is enough to refuse', () => {
    expect(seriesIdentityMismatch(martin, [instance('300042', 'CHU-DIJON'), instance('999', 'CHU-DIJON')])).toEqual({ patientId: '999', issuerOfPatientId: 'CHU-DIJON' });
  });

  it('an absent issuer matches an empty one only', () => {
    expect(seriesIdentityMismatch({ patientId: '7', issuerOfPatientId: '' }, [instance('7')])).toBeUndefined();
    expect(seriesIdentityMismatch(martin, [instance('300042')])).toEqual({ patientId: '300042', issuerOfPatientId: '' });
  });

  it('an empty series vouches for nobody', () => {
    expect(seriesIdentityMismatch(martin, [])).toBeDefined();
  });
});
