import { describe, expect, it } from 'vitest';
import { hasRole, parseCurrentUser, signInPath } from './currentUser.ts';

describe('current user', () => {
  it('reads the gateway answer, keeping known roles only', () => {
    const user = parseCurrentUser({ id: 'dpo', name: 'Marc Delorme', roles: ['auditor', 'admin'], signedIn: true, csrfToken: 't' });
    expect(user).toEqual({ id: 'dpo', name: 'Marc Delorme', roles: ['auditor'], signedIn: true, csrfToken: 't' });
    expect(hasRole(user, 'auditor')).toBe(true);
    expect(hasRole(user, 'clinician')).toBe(false);
    expect(hasRole(undefined, 'clinician')).toBe(false);
    expect(() => parseCurrentUser({ id: 'x' })).toThrow();
  });

  it('builds the sign-in address that comes back to the launch with its parameters', () => {
    expect(signInPath('/IHEInvokeImageDisplay', '?requestType=PATIENT&patientID=1^^^CHU')).toBe(
      '/auth/login?return=%2FIHEInvokeImageDisplay%3FrequestType%3DPATIENT%26patientID%3D1%5E%5E%5ECHU',
    );
  });
});
