/**
 * The rules-only baseline: records of different sites whose normalised family name (birth name, else used name),
 * first given name, birth date and sex are all equal are linked; nothing goes to review.
 */
import { compactName } from '../../server/identity/matching/frenchNormalisation.ts';
import { firstGivenName, recordId, type PatientRecord, type RecordId } from '../../server/identity/matching/patientRecord.ts';

/** Groups of records the baseline puts together (one per key with records at two sites or more). */
export function rulesBaseline(records: readonly PatientRecord[]): RecordId[][] {
  const groups = new Map<string, PatientRecord[]>();
  for (const record of records) {
    const family = compactName(record.birthFamilyName ?? record.usedFamilyName ?? '');
    const given = compactName(firstGivenName(record) ?? '');
    if (!family || !given || !record.birthDate) continue;
    const key = [family, given, record.birthDate, record.sex].join('|');
    const group = groups.get(key) ?? [];
    group.push(record);
    groups.set(key, group);
  }
  return [...groups.values()].filter((group) => new Set(group.map((r) => r.system)).size > 1).map((group) => group.map(recordId));
}
