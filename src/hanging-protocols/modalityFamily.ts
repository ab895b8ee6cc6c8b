/**
 * Modality families for comparing examinations: Modality (0008,0060) defined terms (PS3.3 §C.7.3.1.1.1)
 * grouped by how images are compared: CT; MR; projection radiography (CR, DX, DR, RG, RF); nuclear medicine
 * (PT, NM); ultrasound; mammography (MG). Report and non-image modalities belong to no family.
 */

export type ModalityFamily = 'CT' | 'MR' | 'radiography' | 'nuclear' | 'US' | 'MG' | 'XA' | 'other';

const FAMILIES: Record<string, ModalityFamily> = {
  CT: 'CT',
  MR: 'MR',
  CR: 'radiography',
  DX: 'radiography',
  DR: 'radiography',
  RG: 'radiography',
  RF: 'radiography',
  PT: 'nuclear',
  NM: 'nuclear',
  US: 'US',
  MG: 'MG',
  XA: 'XA',
};

/** Modalities whose objects are not images (reports, documents, states, selections, segmentations, plans). */
export const NON_IMAGE_MODALITIES: ReadonlySet<string> = new Set(['SR', 'DOC', 'PR', 'KO', 'SEG', 'RTSTRUCT', 'RTPLAN', 'RTRECORD', 'REG', 'ECG', 'OT_DOC']);

/** The family of a modality; `undefined` for a non-image modality. */
export function modalityFamily(modality: string): ModalityFamily | undefined {
  const code = modality.trim().toUpperCase();
  if (code === '' || NON_IMAGE_MODALITIES.has(code)) return undefined;
  return FAMILIES[code] ?? 'other';
}

/** The image modalities of a study, in the order given, without repeats. */
export function imageModalities(modalities: readonly string[]): string[] {
  return [...new Set(modalities.map((modality) => modality.trim().toUpperCase()))].filter((modality) => modalityFamily(modality) !== undefined);
}

/** The families a study's modalities belong to. */
export function modalityFamilies(modalities: readonly string[]): Set<ModalityFamily> {
  return new Set(imageModalities(modalities).flatMap((modality) => modalityFamily(modality) ?? []));
}
