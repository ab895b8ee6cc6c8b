import { describe, expect, it } from 'vitest';
import { claimAt, rolesFromClaims, userFromClaims } from './roleMapping.ts';

const contractRoles = { claim: 'roles', clinician: ['radiologue', 'medecin'], identityOfficer: ['identitovigilance'], auditor: ['dpo'] };

describe('role mapping', () => {
  it('maps the provider values of the configured claim to Passerelle roles', () => {
    expect(rolesFromClaims({ roles: ['radiologue'] }, contractRoles)).toEqual(['clinician']);
    expect(rolesFromClaims({ roles: ['identitovigilance', 'medecin'] }, contractRoles)).toEqual(['clinician', 'identity-officer']);
    expect(rolesFromClaims({ roles: ['dpo'] }, contractRoles)).toEqual(['auditor']);
    expect(rolesFromClaims({ roles: 'dpo radiologue' }, contractRoles)).toEqual(['clinician', 'auditor']);
  });

  it('gives no role for a missing claim, unknown values or values of the wrong type', () => {
    expect(rolesFromClaims({}, contractRoles)).toEqual([]);
    expect(rolesFromClaims({ roles: ['secretaire'] }, contractRoles)).toEqual([]);
    expect(rolesFromClaims({ roles: [1, { dpo: true }] }, contractRoles)).toEqual([]);
    expect(rolesFromClaims({ groups: ['dpo'] }, contractRoles)).toEqual([]);
  });

  it('follows a dotted path, and prefers a claim named with dots', () => {
    const claims = { realm_access: { roles: ['dpo'] }, 'https://idp.example/roles': ['medecin'] };
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['dpo']);
    expect(rolesFromClaims(claims, { ...contractRoles, claim: 'realm_access.roles' })).toEqual(['auditor']);
    expect(rolesFromClaims(claims, { ...contractRoles, claim: 'https://idp.example/roles' })).toEqual(['clinician']);
    expect(claimAt({ a: 'x' }, 'a.b')).toBeUndefined();
    expect(claimAt({ a: { toString: 'x' } }, 'a.constructor')).toBeUndefined();
  });

  it('uses Passerelle role names in a roles claim without configuration', () => {
    expect(rolesFromClaims({ roles: ['auditor', 'clinician', 'identity-officer'] })).toEqual(['clinician', 'identity-officer', 'auditor']);
  });

  it('builds the user: sub, name, organisation, roles', () => {
    expect(userFromClaims({ sub: 'u1', name: 'Dr Claire Martin', organisation: 'CHU Dijon', roles: ['radiologue'] }, { roles: contractRoles })).toEqual({
      id: 'u1',
      name: 'Dr Claire Martin',
      organisation: 'CHU Dijon',
      roles: ['clinician'],
      signedIn: true,
    });
    expect(userFromClaims({ sub: 'u2', given_name: 'Paul', family_name: 'Roux', org: { name: 'CGFL' } }, { organisationClaim: 'org' })).toEqual({
      id: 'u2',
      name: 'Paul Roux',
      organisation: 'CGFL',
      roles: [],
      signedIn: true,
    });
    expect(() => userFromClaims({ name: 'nobody' }, {})).toThrow(/sub/);
  });
});
