/**
 * The study on screen as its archive describes it (QIDO-RS, PS3.18 §10.6): its patient, with the issuer of the
 * patient's ID, is where the patient's other studies across sites are found from.
 */
import { queryOptions } from '@tanstack/react-query';
import { lookUpStudy } from '../../adapters/lookUpStudy.ts';
import type { PublicSite } from '../../domain/config/publicConfig.ts';
import type { StudyUid } from '../../domain/dicom/identifiers.ts';
import type { StudySummary } from '../../domain/federation/studySummary.ts';

export const currentStudyQuery = (site: PublicSite, studyUid: StudyUid) =>
  queryOptions({
    queryKey: ['viewer', 'study', site.id, studyUid],
    queryFn: async ({ signal }): Promise<StudySummary> => {
      const [lookup] = await lookUpStudy({ kind: 'study', studyUids: [studyUid] }, [site], signal);
      const study = lookup?.studies.find((candidate) => candidate.studyUid === studyUid && candidate.siteId === site.id);
      if (study) return study;
      throw new Error(lookup?.error ?? 'study not found');
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
