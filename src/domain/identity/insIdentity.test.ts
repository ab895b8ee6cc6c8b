import { describe, expect, it } from 'vitest';
import { insIdentityFromBundle } from './insIdentity.ts';

const ins = { system: 'urn:oid:1.2.250.1.213.1.4.8', value: '276099913407825' };
const patient = (identifiers: object[], extra: object = {}) => ({ resource: { resourceType: 'Patient', identifier: identifiers, ...extra } });

describe('the strict traits of an INS, from a PDQm answer', () => {
  it('reads the birth name (official), the given names, the birth date and the sex of the Patient that holds the INS', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        patient([{ system: 'urn:oid:1.2.250.1.999.2.1', value: 'B-1' }], { name: [{ use: 'official', family: 'AUTRE' }] }),
        patient([{ system: 'urn:oid:1.2.250.1.999.2.1', value: 'B-812345' }, { system: '1.2.250.1.213.1.4.8', value: ins.value }], {
          name: [{ use: 'usual', family: 'GIRARD', given: ['SOPHIE'] }, { use: 'official', family: 'ROUX', given: ['SOPHIE', 'ANNE'] }],
          birthDate: '1976-09-05',
          gender: 'female',
        }),
      ],
    };
    expect(insIdentityFromBundle(bundle, ins)).toEqual({ ins, birthName: 'ROUX', givenNames: ['SOPHIE', 'ANNE'], birthDate: '1976-09-05', sex: 'female' });
  });

  it('prefers a maiden name, leaves out what is missing, and answers nothing without a Bundle or the INS', () => {
    const maiden = { resourceType: 'Bundle', entry: [patient([ins], { name: [{ use: 'official', family: 'GIRARD' }, { use: 'maiden', family: 'ROUX', given: ['SOPHIE'] }], gender: 'x' })] };
    expect(insIdentityFromBundle(maiden, ins)).toEqual({ ins, birthName: 'ROUX', givenNames: ['SOPHIE'] });
    expect(insIdentityFromBundle({ resourceType: 'Bundle', entry: [patient([{ ...ins, value: '258039935004587' }])] }, ins)).toBeUndefined();
    expect(insIdentityFromBundle({ resourceType: 'OperationOutcome' }, ins)).toBeUndefined();
    expect(insIdentityFromBundle('not json', ins)).toBeUndefined();
  });
});
