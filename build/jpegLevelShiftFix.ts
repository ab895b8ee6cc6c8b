/**
 * A build-time correction of the JPEG decoder the DICOM image loader uses for JPEG Extended 12-bit
 * (1.2.840.10008.1.2.4.51): its pdf.js-derived `codecs/jpeg.js` adds back the level shift of 8-bit samples scaled
 * by 4095 / 255 (2056 / bitConversion) instead of 2^(P−1) (ITU-T T.81 §A.3.1), so every 12-bit sample came out
 * about 15 too high (15 HU on a CT with slope 1) and the top 15 values clipped. 8-bit decoding is unchanged.
 *
 * The replaced expression must be found exactly once: a loader release that changes it fails the build rather
 * than shipping the offset silently.
 */
import type { Plugin } from 'vite';

const buggy = `q =
            q <= -2056 / component.bitConversion
                ? 0
                : q >= 2024 / component.bitConversion
                    ? 255 / component.bitConversion
                    : (q + 2056 / component.bitConversion) >> 4;`;

/**
 * The inverse DCT leaves q in sixteenths of a sample: add 2^(P−1) and one half, shift, clamp to [0, 2^P − 1].
 * P comes back from bitConversion = 255 / (2^P − 1).
 */
const fixed = `var maxSample = Math.round(255 / component.bitConversion);
        q = Math.min(maxSample, Math.max(0, (q + (maxSample + 1) * 8 + 8) >> 4));`;

export function fixJpegLevelShift(source: string): string {
  const parts = source.split(buggy);
  if (parts.length !== 2) throw new Error(`codecs/jpeg.js: the level-shift expression to correct was found ${parts.length - 1} times, expected once`);
  return parts.join(fixed);
}

const decoderFile = /@cornerstonejs[\\/]dicom-image-loader[\\/]dist[\\/]esm[\\/]codecs[\\/]jpeg\.js$/;

export function jpegLevelShiftFix(): Plugin {
  return {
    name: 'passerelle-jpeg-level-shift-fix',
    enforce: 'pre',
    transform(code, id) {
      return decoderFile.test(id.split('?')[0] ?? '') ? { code: fixJpegLevelShift(code), map: null } : undefined;
    },
  };
}
