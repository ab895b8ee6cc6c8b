import type { PublicSite } from '../config/publicConfig.ts';

/** Sites for the launch tests: two OID-identified hospitals and one whose identifier system is a URL. */
export const launchTestSites: PublicSite[] = [
  {
    id: 'chu-dijon',
    name: 'CHU Dijon',
    issuerOfPatientId: 'CHU-DIJON',
    patientIdSystem: 'urn:oid:1.2.250.1.999.1.1',
    dicomweb: '/sites/chu-dijon/dicom-web',
    timeoutMs: 8000,
  },
  {
    id: 'cgfl',
    name: 'Centre Georges-François Leclerc',
    issuerOfPatientId: 'CGFL',
    patientIdSystem: 'urn:oid:1.2.250.1.999.2.1',
    dicomweb: '/sites/cgfl/dicom-web',
    timeoutMs: 5000,
  },
  {
    id: 'exemple',
    name: 'Clinique Exemple',
    issuerOfPatientId: 'EXEMPLE',
    patientIdSystem: 'https://ids.exemple.fr/ipp',
    dicomweb: '/sites/exemple/dicom-web',
    timeoutMs: 3000,
  },
];
