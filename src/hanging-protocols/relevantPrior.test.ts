import { describe, expect, it } from 'vitest';
import { groupPatients } from '../domain/federation/patientGroups.ts';
import { rankPriors, relevantPrior, priorExclusion } from './relevantPrior.ts';
import { brainMr, currentThorax, person1Studies, priorTap, priorThorax, testStudy } from './testStudies.ts';

describe('relevantPrior', () => {
  it('finds the CGFL chest-abdomen-pelvis CT as the prior of the CHU chest CT, with its reasons', () => {
    const result = relevantPrior(currentThorax, { studies: person1Studies });
    expect(result.prior?.study).toBe(priorTap);
    expect(result.prior?.reasons).toEqual([
      { code: 'same-modality', modality: 'CT' },
      { code: 'region', regions: ['chest'] },
      { code: 'most-recent' },
      { code: 'days-before', days: 141 },
      { code: 'other-site', siteId: 'cgfl-bourgogne' },
    ]);
    expect(result.ranked.map((ranked) => ranked.study)).toEqual([priorTap, priorThorax, brainMr]);
    expect(result.ranked.map((ranked) => ranked.relevant)).toEqual([true, true, false]);
  });

  it('never takes a prior from another person sharing the Patient ID at another site', () => {
    const sites = [
      { id: 'chu-val-de-saone', issuerOfPatientId: 'CHU-VDS', patientIdSystem: 'urn:oid:1.2.250.1.999.1.1' },
      { id: 'cgfl-bourgogne', issuerOfPatientId: 'CGFL', patientIdSystem: 'urn:oid:1.2.250.1.999.2.1' },
    ];
    const martin = testStudy({ uid: '2.25.3001', site: 'chu-val-de-saone', patientId: '300042', issuer: 'CHU-VDS', date: '20261001', description: 'TDM THORAX' });
    const bernard = testStudy({ uid: '2.25.3002', site: 'cgfl-bourgogne', patientId: '300042', issuer: 'CGFL', date: '20260901', description: 'TDM THORAX' });
    const groups = groupPatients({ sites, studies: [martin, bernard], resolutions: [], identityState: 'unavailable' });
    expect(groups).toHaveLength(2);
    const martinGroup = groups.find((group) => group.studies.includes(martin));
    if (!martinGroup) throw new Error('no group');
    expect(martinGroup.studies).not.toContain(bernard);
    expect(relevantPrior(martin, martinGroup)).toMatchObject({ prior: undefined, reason: 'no-other-study' });
    const bernardGroup = groups.find((group) => group.studies.includes(bernard));
    if (!bernardGroup) throw new Error('no group');
    expect(relevantPrior(martin, bernardGroup)).toMatchObject({ prior: undefined, reason: 'current-not-in-group' });
  });

  it('respects laterality: a left knee is no prior of a right knee', () => {
    const right = testStudy({ uid: '2.25.4001', site: 's', date: '20260301', modalities: ['MR'], description: 'IRM GENOU DROIT' });
    const left = testStudy({ uid: '2.25.4002', site: 's', date: '20260101', modalities: ['MR'], description: 'IRM genou gauche' });
    const rightBefore = testStudy({ uid: '2.25.4003', site: 's', date: '20240101', modalities: ['MR'], description: 'MR right knee' });
    expect(priorExclusion(right, left)).toBe('other-side');
    expect(relevantPrior(right, { studies: [right, left] })).toMatchObject({ prior: undefined, reason: 'no-earlier-image-study' });
    expect(relevantPrior(right, { studies: [right, left, rightBefore] }).prior?.study).toBe(rightBefore);
    expect(relevantPrior(right, { studies: [right, left] }, { detailsOf: (study) => (study === left ? { laterality: 'R' } : undefined) }).prior?.study).toBe(left);
  });

  it('leaves out later studies, same-day studies without times, reports only, undated studies and the current study', () => {
    const later = testStudy({ uid: '2.25.5001', site: 'chu-val-de-saone', date: '20261201', description: 'TDM THORAX' });
    const sameDayEarlier = testStudy({ uid: '2.25.5002', site: 'chu-val-de-saone', date: '20261118', time: '080000', description: 'TDM THORAX' });
    const sameDayNoTime = testStudy({ uid: '2.25.5003', site: 'chu-val-de-saone', date: '20261118', description: 'TDM THORAX' });
    const reportOnly = testStudy({ uid: '2.25.5004', site: 'cgfl-bourgogne', date: '20260701', modalities: ['SR', 'DOC'], description: 'TDM THORAX' });
    const undated = testStudy({ uid: '2.25.5005', site: 'cgfl-bourgogne', description: 'TDM THORAX' });
    expect([currentThorax, later, sameDayNoTime, reportOnly, undated].map((study) => priorExclusion(currentThorax, study))).toEqual([
      'current-study',
      'not-before',
      'not-before',
      'no-images',
      'undated',
    ]);
    const ranked = rankPriors(currentThorax, [currentThorax, later, sameDayEarlier, sameDayNoTime, reportOnly, undated, priorTap]);
    expect(ranked.map((prior) => prior.study)).toEqual([sameDayEarlier, priorTap]);
  });

  it('says why there is no prior: other modality, other region', () => {
    expect(relevantPrior(currentThorax, { studies: [currentThorax, brainMr] })).toMatchObject({ prior: undefined, reason: 'no-same-modality' });
    const headCt = testStudy({ uid: '2.25.6001', site: 'chu-val-de-saone', date: '20250101', description: 'TDM crâne' });
    const result = relevantPrior(currentThorax, { studies: [currentThorax, headCt] });
    expect(result).toMatchObject({ prior: undefined, reason: 'no-overlapping-region' });
    expect(result.ranked[0]?.reasons).toContainEqual({ code: 'other-region' });
  });

  it('accepts a prior whose region is unknown, after those whose region overlaps', () => {
    const unknown = testStudy({ uid: '2.25.7001', site: 'chu-val-de-saone', date: '20261101', description: 'Examen' });
    const ranked = rankPriors(currentThorax, [unknown, priorTap]);
    expect(ranked.map((prior) => prior.study)).toEqual([priorTap, unknown]);
    expect(ranked[1]?.relevant).toBe(true);
    expect(ranked[1]?.reasons).toContainEqual({ code: 'region-unknown' });
    expect(ranked[0]?.reasons).not.toContainEqual({ code: 'most-recent' });
  });

  it('reads Body Part Examined and English terms', () => {
    const current = testStudy({ uid: '2.25.8001', site: 'a', date: '20260201', description: 'CT', modalities: ['CT'] });
    const prior = testStudy({ uid: '2.25.8002', site: 'a', date: '20250201', description: 'CT chest-abdomen-pelvis' });
    const result = relevantPrior(current, { studies: [current, prior] }, { detailsOf: (study) => (study === current ? { bodyPartExamined: 'CHEST' } : undefined) });
    expect(result.prior?.reasons).toContainEqual({ code: 'region', regions: ['chest'] });
  });

  it('matches radiography modalities as one family', () => {
    const current = testStudy({ uid: '2.25.9001', site: 'a', date: '20260201', modalities: ['DX'], description: 'Radio thorax' });
    const prior = testStudy({ uid: '2.25.9002', site: 'a', date: '20250201', modalities: ['CR'], description: 'Chest X-ray' });
    expect(relevantPrior(current, { studies: [current, prior] }).prior?.reasons[0]).toEqual({ code: 'same-modality', modality: 'CR' });
  });
});
