import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixJpegLevelShift } from './jpegLevelShiftFix.ts';

const require = createRequire(import.meta.url);
const decoderPath = path.join(path.dirname(require.resolve('@cornerstonejs/dicom-image-loader/package.json')), 'dist/esm/codecs/jpeg.js');

describe('fixJpegLevelShift', () => {
  it('corrects the installed image loader’s JPEG decoder once', () => {
    const source = readFileSync(decoderPath, 'utf8');
    const fixed = fixJpegLevelShift(source);
    expect(fixed).not.toBe(source);
    expect(fixed).toContain('(maxSample + 1) * 8 + 8');
    expect(fixed).not.toContain('2056 / component.bitConversion');
  });

  it('refuses a decoder whose expression it does not recognise, so that the build fails', () => {
    expect(() => fixJpegLevelShift('export default class JpegImage {}')).toThrow(/found 0 times/);
  });
});
