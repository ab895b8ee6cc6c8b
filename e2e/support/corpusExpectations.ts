/**
 * What a good viewer must do with each file of the DICOM corpus (pydicom's test files, Debian's python3-pydicom
 * 2.3): show it (its picture checked against an independent reference rendering, see corpusPixels.ts), or say
 * why it cannot, in words the pattern finds. A file of the corpus missing here fails the gallery, so that a new
 * pydicom brings its files to this table.
 */

export type CorpusExpectation =
  /**
   * Shown, pixels checked; the text says what the file tries. `referenceWrong` (why) sets aside a reference
   * rendering that is known wrong: the picture then gets the weaker check (non-blank, in its fitted rectangle).
   * `referenceOf` checks it against the reference of another file holding the same image in another encoding;
   * `decodedSize`, the size its codestream has where Rows and Columns say otherwise.
   */
  | { shown: string; referenceWrong?: string; referenceOf?: { file: string; why: string }; decodedSize?: { rows: number; columns: number; why: string } }
  /** A clear error on the viewport (or the launch page) matching `message`; `why` says why it cannot be shown. */
  | { error: RegExp; why: string }
  /** Orthanc 1.10 refuses the file at upload: there is no study. */
  | { refused: RegExp; why: string };

const bigEndianDose = "DCMTK renders 32-bit Explicit VR Big Endian pixel data wrong (its reference differs from the little endian twin's, which pydicom decodes the same as this file)";
const noReference = 'no reference rendering (GDCM and DCMTK cannot decode it): checked non-blank, in its fitted rectangle';

export const corpusExpectations: Record<string, CorpusExpectation> = {
  '693_J2KI.dcm': { shown: 'JPEG 2000, Bits Stored 14 but the codestream 16 bits' },
  'CT_small.dcm': { shown: 'native explicit little endian CT, signed' },
  'ExplVR_BigEnd.dcm': { shown: 'Explicit VR Big Endian, RGB 8-bit US' },
  'GDCMJ2K_TextGBR.dcm': { shown: 'JPEG 2000 lossless with a JP2 header around the codestream (GDCM), YBR_RCT' },
  'J2K_pixelrep_mismatch.dcm': { shown: 'JPEG 2000: Pixel Representation 1 but the codestream unsigned, Bits Stored 13' },
  'JPEG-lossy.dcm': { shown: 'JPEG Extended 12-bit NM, 1 frame' },
  'JPEG2000-embedded-sequence-delimiter.dcm': {
    shown: `JPEG 2000 whose fragment holds a sequence delimiter's bytes; ${noReference}`,
    decodedSize: { rows: 512, columns: 512, why: 'its codestream is 512 × 512 (a head CT) where Rows and Columns say 1024 × 256, the same number of pixels: it is shown as the codestream says' },
  },
  'JPEG2000.dcm': { shown: 'JPEG 2000 NM, signed 16-bit, 1 frame' },
  'JPGExtended.dcm': { shown: 'JPEG Extended 12-bit, fixed version of JPEG-lossy.dcm' },
  'MR_small.dcm': { shown: 'native explicit little endian MR, signed 16-bit' },
  'MR_small_RLE.dcm': { shown: 'RLE Lossless, signed 16-bit' },
  'MR_small_bigendian.dcm': { shown: 'Explicit VR Big Endian (dcmodify), signed 16-bit' },
  'MR_small_expb.dcm': { shown: 'Explicit VR Big Endian (dcmconv), signed 16-bit' },
  'MR_small_implicit.dcm': { shown: 'Implicit VR Little Endian' },
  'MR_small_jp2klossless.dcm': { shown: 'JPEG 2000 lossless, signed 16-bit' },
  'MR_small_jpeg_ls_lossless.dcm': { shown: 'JPEG-LS lossless, signed 16-bit' },
  'MR_small_padded.dcm': { shown: 'native, Pixel Data followed by padding' },
  'MR_truncated.dcm': { error: /pixel data|too short|bytes|truncated|length/i, why: 'Pixel Data holds fewer bytes than 64 × 64 × 16 bits need' },
  'SC_jpeg_no_color_transform.dcm': { shown: 'JPEG baseline RGB without colour transform (no JFIF, no Adobe marker)' },
  'SC_jpeg_no_color_transform_2.dcm': { shown: 'JPEG baseline RGB without colour transform, second encoder' },
  'SC_rgb_dcmtk_+eb+cr.dcm': { shown: 'JPEG baseline RGB, DCMTK +cr (no colour conversion)' },
  'SC_rgb_dcmtk_+eb+cy+n1.dcm': { shown: 'JPEG baseline YBR_FULL, DCMTK, no subsampling' },
  'SC_rgb_dcmtk_+eb+cy+n2.dcm': { shown: 'JPEG baseline YBR_FULL, DCMTK, no subsampling (2)' },
  'SC_rgb_dcmtk_+eb+cy+np.dcm': { shown: 'JPEG baseline YBR_FULL_422, DCMTK' },
  'SC_rgb_dcmtk_+eb+cy+s2.dcm': { shown: 'JPEG baseline YBR_FULL_422, 4:2:2 subsampling' },
  'SC_rgb_dcmtk_+eb+cy+s4.dcm': { shown: 'JPEG baseline YBR_FULL, 4:1:1 subsampling' },
  'SC_rgb_gdcm_KY.dcm': { shown: 'JPEG 2000 RGB (GDCM)' },
  'SC_rgb_jpeg.dcm': {
    refused: /Bad file format|invalid DICOM/i,
    why: 'its data set is Implicit VR while its meta header says JPEG Baseline (explicit VR): Orthanc cannot parse it',
  },
  'SC_rgb_jpeg_app14_dcmd.dcm': { shown: 'JPEG baseline RGB with an Adobe APP14 marker (no transform)' },
  'SC_rgb_jpeg_dcmd.dcm': { shown: 'native RGB, implicit VR (decompressed by DCMTK)' },
  'SC_rgb_jpeg_dcmtk.dcm': { shown: 'JPEG baseline YBR_FULL (DCMTK)' },
  'SC_rgb_jpeg_gdcm.dcm': { shown: 'JPEG lossless RGB (GDCM)' },
  'SC_rgb_jpeg_lossy_gdcm.dcm': {
    shown: 'JPEG baseline labelled RGB whose codestream is YCbCr (JFIF)',
    referenceWrong: 'DCMTK and GDCM both trust the RGB label and show the YCbCr samples as RGB (violet, teal); the test pattern is red, green, blue, greys',
  },
  'SC_rgb_rle.dcm': { shown: 'RLE RGB 8-bit' },
  'SC_rgb_rle_16bit.dcm': { shown: 'RLE RGB 16-bit' },
  'SC_rgb_rle_16bit_2frame.dcm': { shown: 'RLE RGB 16-bit, 2 frames' },
  'SC_rgb_rle_2frame.dcm': { shown: 'RLE RGB 8-bit, 2 frames' },
  'SC_rgb_rle_32bit.dcm': { shown: 'RLE RGB 32-bit' },
  'SC_rgb_rle_32bit_2frame.dcm': { shown: 'RLE RGB 32-bit, 2 frames' },
  'SC_rgb_small_odd.dcm': { shown: 'native RGB 3 × 3 (odd length)' },
  'SC_rgb_small_odd_jpeg.dcm': { shown: 'JPEG baseline YBR_FULL 3 × 3' },
  'SC_ybr_full_422_uncompressed.dcm': { shown: 'native YBR_FULL_422 (subsampled in the file)' },
  'badVR.dcm': { shown: "RT dose, 32-bit, Number of Frames '1A' (not an IS): one frame" },
  'image_dfl.dcm': { shown: 'Deflated Explicit VR Little Endian' },
  'liver_1frame.dcm': { shown: 'segmentation, 1 bit allocated, one frame' },
  'liver_expb_1frame.dcm': { shown: 'segmentation, 1 bit allocated, big endian' },
  'meta_missing_tsyntax.dcm': {
    error: /rows|columns|not an image|no image|pixel/i,
    why: 'no Transfer Syntax in its meta header, nested private sequences, and no image: no Rows, Columns or SOP Class, 2 bytes of Pixel Data',
  },
  'nested_priv_SQ.dcm': {
    error: /rows|columns|not an image|no image|pixel/i,
    why: 'nested private sequences, and no image: no Rows, Columns or SOP Class, 2 bytes of Pixel Data',
  },
  'rtdose.dcm': { shown: 'RT dose grid, 32-bit, 15 frames, implicit VR' },
  'rtdose_1frame.dcm': { shown: 'RT dose grid, 32-bit, 1 frame, implicit VR' },
  'rtdose_expb.dcm': { shown: 'RT dose grid, 32-bit, 15 frames, big endian', referenceOf: { file: 'rtdose.dcm', why: bigEndianDose } },
  'rtdose_expb_1frame.dcm': { shown: 'RT dose grid, 32-bit, 1 frame, big endian', referenceOf: { file: 'rtdose_1frame.dcm', why: bigEndianDose } },
  'rtdose_rle.dcm': { shown: 'RT dose grid, 32-bit, 15 frames, RLE' },
  'rtdose_rle_1frame.dcm': { shown: 'RT dose grid, 32-bit, 1 frame, RLE' },
};

/** The expectation as the report line says it. */
export function describeExpectation(expectation: CorpusExpectation | undefined): string {
  if (!expectation) return 'nothing: the file is missing from corpusExpectations.ts';
  if ('shown' in expectation) return 'shown';
  if ('error' in expectation) return `error ${String(expectation.error)}`;
  return `refused at upload ${String(expectation.refused)}`;
}
