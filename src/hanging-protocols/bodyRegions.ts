/**
 * Body regions and laterality of a study or series, read from its description and Body Part Examined
 * (0018,0015, defined terms of PS3.16 Annex L) and Laterality (0020,0060) / Image Laterality (0020,0062):
 * French and English terms, case and accents folded, normalised to a small set of regions so that two
 * examinations can be compared ("chest" overlaps "chest, abdomen, pelvis").
 */
import { foldText, foldedWords } from './textMatch.ts';

export const BODY_REGIONS = [
  'head',
  'neck',
  'chest',
  'abdomen',
  'pelvis',
  'spine',
  'breast',
  'shoulder',
  'elbow',
  'wrist-hand',
  'hip',
  'knee',
  'ankle-foot',
  'upper-limb',
  'lower-limb',
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

/** `L` left, `R` right, `B` both (PS3.3 §C.7.3.1, Laterality). */
export type Laterality = 'L' | 'R' | 'B';

const TRUNK: BodyRegion[] = ['chest', 'abdomen', 'pelvis'];
const WHOLE_BODY: BodyRegion[] = ['head', 'neck', ...TRUNK];

/** Single folded words (and Body Part Examined defined terms) and the regions they name. */
const WORDS: Record<string, BodyRegion[]> = {};
function terms(regions: BodyRegion[], ...words: string[]): void {
  for (const word of words) WORDS[word] = regions;
}
terms(['chest'], 'THORAX', 'THORACIQUE', 'THX', 'CHEST', 'POUMON', 'POUMONS', 'PULMONAIRE', 'LUNG', 'LUNGS', 'THORACIC');
terms(['chest'], 'COEUR', 'CARDIAQUE', 'HEART', 'CARDIAC', 'CORONAIRE', 'CORONAIRES', 'CORONARY', 'MEDIASTIN');
terms(TRUNK, 'TAP', 'CHESTABDPELVIS', 'CAP', 'TAPS');
terms(['chest', 'abdomen'], 'CHESTABDOMEN', 'THORACOABDOMINAL');
terms(['abdomen'], 'ABDOMEN', 'ABDO', 'ABD', 'ABDOMINAL', 'ABDOMINALE', 'FOIE', 'LIVER', 'HEPATIQUE', 'PANCREAS', 'REIN', 'REINS', 'KIDNEY', 'RENAL', 'RENALE');
terms(['abdomen', 'pelvis'], 'ABDOMINOPELVIEN', 'ABDOMINOPELVIENNE', 'ABDOMENPELVIS', 'ABDOPELVIS', 'ABDPELVIS');
terms(['pelvis'], 'PELVIS', 'PELVIEN', 'PELVIENNE', 'PELVIC', 'BASSIN', 'PROSTATE', 'VESSIE', 'BLADDER', 'UTERUS');
terms(['head'], 'CRANE', 'HEAD', 'BRAIN', 'CEREBRAL', 'CEREBRALE', 'ENCEPHALE', 'ENCEPHALIQUE', 'CERVEAU', 'SKULL', 'TETE', 'ORBITE', 'ORBITES', 'SINUS', 'IAC');
terms(['head', 'neck'], 'HEADNECK', 'ORL', 'ENT');
terms(['neck'], 'COU', 'NECK', 'CERVICALE', 'THYROIDE', 'THYROID');
terms(['spine'], 'RACHIS', 'SPINE', 'CSPINE', 'TSPINE', 'LSPINE', 'SSPINE', 'LOMBAIRE', 'LUMBAR', 'DORSAL', 'COLONNE', 'VERTEBRAL', 'VERTEBRALE', 'SACRUM', 'COCCYX', 'MEDULLAIRE');
terms(['breast'], 'SEIN', 'SEINS', 'BREAST', 'BREASTS', 'MAMMAIRE', 'MAMMO', 'MAMMOGRAPHIE', 'MAMMOGRAPHY');
terms(['shoulder'], 'EPAULE', 'EPAULES', 'SHOULDER', 'SHOULDERS');
terms(['elbow'], 'COUDE', 'ELBOW');
terms(['wrist-hand'], 'POIGNET', 'WRIST', 'MAIN', 'MAINS', 'HAND', 'HANDS', 'DOIGT', 'FINGER');
terms(['hip'], 'HANCHE', 'HANCHES', 'HIP', 'HIPS');
terms(['knee'], 'GENOU', 'GENOUX', 'KNEE', 'KNEES');
terms(['ankle-foot'], 'CHEVILLE', 'ANKLE', 'PIED', 'PIEDS', 'FOOT', 'FEET');
terms(['upper-limb'], 'BRAS', 'ARM', 'HUMERUS', 'AVANTBRAS', 'FOREARM');
terms(['lower-limb'], 'JAMBE', 'LEG', 'FEMUR', 'TIBIA', 'CUISSE', 'THIGH');
terms(WHOLE_BODY, 'WHOLEBODY', 'WB', 'CORPS');

/** Word pairs whose meaning differs from their words alone (checked before single words). */
const PHRASES: [string, BodyRegion[]][] = [
  ['RACHIS CERVICAL', ['spine']],
  ['CERVICAL SPINE', ['spine']],
  ['CORPS ENTIER', WHOLE_BODY],
  ['WHOLE BODY', WHOLE_BODY],
  ['AVANT BRAS', ['upper-limb']],
];

/**
 * The regions named by a description and, when given, Body Part Examined: `TDM THORAX` → chest; `TAP`,
 * `CHESTABDPELVIS`, `THORAX-ABDO-PELVIS` → chest, abdomen and pelvis; `IRM CÉRÉBRALE` → head. Empty when no
 * term is known.
 */
export function bodyRegions(description: string | undefined, bodyPartExamined?: string | readonly string[]): Set<BodyRegion> {
  const parts = typeof bodyPartExamined === 'string' ? [bodyPartExamined] : (bodyPartExamined ?? []);
  const found = new Set<BodyRegion>();
  for (const text of [description ?? '', ...parts]) {
    let folded = ` ${foldText(text)} `;
    for (const [phrase, regions] of PHRASES) {
      if (folded.includes(` ${phrase} `)) {
        regions.forEach((region) => found.add(region));
        folded = folded.replace(` ${phrase} `, ' ');
      }
    }
    for (const word of foldedWords(folded)) WORDS[word]?.forEach((region) => found.add(region));
  }
  return found;
}

/** The regions two sets share (empty when either is empty). */
export function sharedRegions(a: ReadonlySet<BodyRegion>, b: ReadonlySet<BodyRegion>): BodyRegion[] {
  return BODY_REGIONS.filter((region) => a.has(region) && b.has(region));
}

const LEFT = new Set(['GAUCHE', 'GAUCHES', 'LEFT', 'LT', 'G']);
const RIGHT = new Set(['DROIT', 'DROITE', 'DROITS', 'DROITES', 'RIGHT', 'RT', 'D']);
const BOTH = new Set(['BILATERAL', 'BILATERALE', 'BILATERAUX', 'BILATERALES', 'BOTH']);

/**
 * The side of an examination: the Laterality attribute when given (`L`, `R`, `B`), else the words of the
 * description (`GENOU GAUCHE`, `Right knee`, `G`/`D` as lone letters); `undefined` when nothing says.
 */
export function laterality(description: string | undefined, lateralityAttribute?: string): Laterality | undefined {
  const attribute = foldText(lateralityAttribute ?? '');
  if (attribute === 'L' || attribute === 'R' || attribute === 'B') return attribute;
  const words = foldedWords(description ?? '');
  const left = words.some((word) => LEFT.has(word));
  const right = words.some((word) => RIGHT.has(word));
  if (words.some((word) => BOTH.has(word)) || (left && right)) return 'B';
  if (left) return 'L';
  if (right) return 'R';
  return undefined;
}

/** Whether two sides exclude each other: a left examination is no prior for a right one, and back. */
export function lateralitiesConflict(a: Laterality | undefined, b: Laterality | undefined): boolean {
  return (a === 'L' && b === 'R') || (a === 'R' && b === 'L');
}
