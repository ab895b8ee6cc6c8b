/**
 * The embedded demo's users (contract §5), all synthetic, password `demo`. Their `roles` claim holds the values a
 * regional provider would send; the demo's `auth.roles` maps them to Passerelle's roles as a deployment would.
 */
export interface DemoUser {
  login: string;
  name: string;
  givenName: string;
  familyName: string;
  organisation: string;
  /** The provider's role values (the `roles` claim). */
  roles: string[];
  /** What the sign-in page says of them. */
  note: string;
}

export const DEMO_PASSWORD = 'demo';

export const demoUsers: readonly DemoUser[] = [
  { login: 'radiologue', name: 'Dr Claire Vautrin', givenName: 'Claire', familyName: 'Vautrin', organisation: 'GHT Bourgogne (démo)', roles: ['radiologue'], note: 'clinician, every site' },
  { login: 'medecin', name: 'Dr Paul Lemarchand', givenName: 'Paul', familyName: 'Lemarchand', organisation: 'Cabinet des Tilleuls (démo)', roles: ['medecin'], note: 'clinician, referring physician' },
  { login: 'identito', name: 'Sophie Garnier', givenName: 'Sophie', familyName: 'Garnier', organisation: 'GHT Bourgogne (démo)', roles: ['identitovigilance', 'medecin'], note: 'identity-officer, clinician' },
  { login: 'dpo', name: 'Marc Delorme', givenName: 'Marc', familyName: 'Delorme', organisation: 'GHT Bourgogne (démo)', roles: ['dpo'], note: 'auditor' },
];

/** How the demo's configuration maps these role values (the contract's example mapping). */
export const demoRolesConfig = { claim: 'roles', clinician: ['radiologue', 'medecin'], identityOfficer: ['identitovigilance'], auditor: ['dpo'] };

export function demoUserFor(login: string, password: string): DemoUser | undefined {
  if (password !== DEMO_PASSWORD) return undefined;
  return demoUsers.find((user) => user.login === login);
}
