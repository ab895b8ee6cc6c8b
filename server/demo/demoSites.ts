/**
 * The embedded demo's two hospitals and its identity cross-reference table. Every name here is synthetic.
 * The generator writes studies with these issuers; the demo PIXm service answers from `demoPersons`.
 */

export type DemoSiteKey = 'chu' | 'cgfl';

export interface DemoSite {
  key: DemoSiteKey;
  /** Site id in the runtime configuration. */
  id: string;
  name: string;
  /** Issuer of Patient ID (0010,0021) carried by this site's studies. */
  issuerOfPatientId: string;
  /** FHIR identifier system of this site's patient IDs (IHE PIXm). */
  patientIdSystem: string;
}

export const demoSites: readonly DemoSite[] = [
  {
    key: 'chu',
    id: 'chu-val-de-saone',
    name: 'CHU Val-de-Saône (démo)',
    issuerOfPatientId: 'CHU-VDS',
    patientIdSystem: 'urn:oid:1.2.250.1.999.1.1',
  },
  {
    key: 'cgfl',
    id: 'cgfl-bourgogne',
    name: 'Centre anticancéreux de Bourgogne (démo)',
    issuerOfPatientId: 'CACB',
    patientIdSystem: 'urn:oid:1.2.250.1.999.2.1',
  },
];

export function demoSite(key: DemoSiteKey): DemoSite {
  const site = demoSites.find((candidate) => candidate.key === key);
  if (!site) throw new Error(`unknown demo site ${key}`);
  return site;
}

/** One real (synthetic) person and the identifiers each site knows them by. */
export interface DemoPerson {
  label: string;
  identifiers: { site: DemoSiteKey; patientId: string }[];
}

/**
 * Who is who in the demo, as a PIX Manager that knows the truth would say: the test bed's stand-alone PIXm answers
 * from this table (the embedded demo's identity manager learns the same links from the demo archives, startDemo.ts). Note
 * that patient ID "300042" exists at both sites for two different people: they are two persons here, and must
 * never be linked; nor are the twins, nor the possible match (for a person to decide).
 */
export const demoPersons: readonly DemoPerson[] = [
  {
    label: 'cross-referenced patient (current CT, priors at both sites, MR, SR and PDF reports)',
    identifiers: [
      { site: 'chu', patientId: 'A100001' },
      { site: 'cgfl', patientId: 'B-778899' },
    ],
  },
  { label: 'accented name, one site only', identifiers: [{ site: 'chu', patientId: 'A100002' }] },
  { label: 'shares patient ID 300042 with another person at the other site', identifiers: [{ site: 'chu', patientId: '300042' }] },
  { label: 'shares patient ID 300042 with another person at the other site', identifiers: [{ site: 'cgfl', patientId: '300042' }] },
  {
    label: 'INS at both sites, birth name at one, married name at the other',
    identifiers: [
      { site: 'chu', patientId: 'A100005' },
      { site: 'cgfl', patientId: 'B-812345' },
    ],
  },
  { label: 'twin (same family name and birth date as A100007)', identifiers: [{ site: 'chu', patientId: 'A100006' }] },
  { label: 'twin (same family name and birth date as A100006)', identifiers: [{ site: 'chu', patientId: 'A100007' }] },
  { label: 'possible match of B-790312, not linked until a person decides', identifiers: [{ site: 'chu', patientId: 'A100008' }] },
  { label: 'possible match of A100008, not linked until a person decides', identifiers: [{ site: 'cgfl', patientId: 'B-790312' }] },
];
