/**
 * Window presets (VOI LUT window, PS3.3 §C.11.2.1.2): the image's own Window Center/Width and the usual CT
 * windows, bound to the number keys.
 */
import { numberValue } from '../dicom/dicomJson.ts';

/** A VOI window: center and width in the image's output (modality LUT) units, Hounsfield units for CT. */
export interface VoiWindow {
  center: number;
  width: number;
}

export type VoiPresetId = 'header' | 'softTissue' | 'lung' | 'bone' | 'brain' | 'abdomen';

export interface VoiPreset {
  id: VoiPresetId;
  window: VoiWindow;
}

/** The CT windows, in the order of their keys after key 1. */
export const CT_WINDOWS: Readonly<Record<Exclude<VoiPresetId, 'header'>, VoiWindow>> = {
  softTissue: { center: 40, width: 400 },
  lung: { center: -600, width: 1500 },
  bone: { center: 400, width: 1800 },
  brain: { center: 40, width: 80 },
  abdomen: { center: 60, width: 400 },
};

/** Key → preset: 1 the image's own window (soft tissue when it has none), 2–5 lung, bone, brain, abdomen, 6 soft tissue. */
const CT_KEYS: Readonly<Record<string, Exclude<VoiPresetId, 'header'>>> = {
  '2': 'lung',
  '3': 'bone',
  '4': 'brain',
  '5': 'abdomen',
  '6': 'softTissue',
};

/** The first Window Center/Width of an instance (0028,1050 / 0028,1051), or `undefined`. */
export function headerWindow(instance: unknown): VoiWindow | undefined {
  const center = numberValue(instance, '00281050');
  const width = numberValue(instance, '00281051');
  return center !== undefined && width !== undefined && width > 0 ? { center, width } : undefined;
}

/**
 * The preset a key selects: key `1` the header window (any modality; soft tissue for CT without one), keys
 * `2`–`6` the CT windows (CT only); `undefined` for any other key or when nothing applies.
 */
export function voiPresetForKey(key: string, modality: string, header: VoiWindow | undefined): VoiPreset | undefined {
  const isCt = modality.toUpperCase() === 'CT';
  if (key === '1') {
    if (header) return { id: 'header', window: header };
    return isCt ? { id: 'softTissue', window: CT_WINDOWS.softTissue } : undefined;
  }
  const id = CT_KEYS[key];
  return id && isCt ? { id, window: CT_WINDOWS[id] } : undefined;
}

/**
 * The input values a LINEAR window maps to the lowest and highest output (PS3.3 §C.11.2.1.2.1):
 * `lower = c − 0.5 − (w − 1)/2`, `upper = c − 0.5 + (w − 1)/2`.
 */
export function windowToRange(window: VoiWindow): { lower: number; upper: number } {
  return { lower: window.center - 0.5 - (window.width - 1) / 2, upper: window.center - 0.5 + (window.width - 1) / 2 };
}

/** The LINEAR window of a range (inverse of {@link windowToRange}). */
export function rangeToWindow(range: { lower: number; upper: number }): VoiWindow {
  return { center: (range.lower + range.upper + 1) / 2, width: range.upper - range.lower + 1 };
}
