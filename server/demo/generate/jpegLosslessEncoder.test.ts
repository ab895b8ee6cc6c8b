import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { encodeLosslessJpeg } from './jpegLosslessEncoder.ts';
import { qcGreyPattern } from './qcPattern.ts';
import { createRandom } from './prng.ts';

interface LosslessDecoder {
  decompress(buffer: ArrayBuffer): ArrayBuffer;
}

// The decoder the DICOM image loader uses in the browser for JPEG lossless, independent of this encoder.
const require = createRequire(import.meta.url);
const { Decoder } = require('@cornerstonejs/jpeg-lossless-decoder-js') as { Decoder: new () => LosslessDecoder };

function decode(bytes: Uint8Array): Uint16Array {
  const copy = bytes.slice();
  return new Uint16Array(new Decoder().decompress(copy.buffer));
}

describe('encodeLosslessJpeg', () => {
  const size = 64;
  const pattern = Uint16Array.from(qcGreyPattern([400, 1400, 2600, 3700], 0, 4095, 0, size));
  const random = createRandom('jpeg-lossless-noise');
  const noisy = Uint16Array.from(pattern, (value) => Math.min(65535, Math.max(0, value * 16 + Math.floor(random() * 4096) - 2048)));

  for (const predictor of [1, 2, 3, 4, 5, 6, 7]) {
    it(`round-trips 12-bit samples exactly with predictor ${predictor}`, () => {
      const encoded = encodeLosslessJpeg({ samples: pattern, columns: size, rows: size, precision: 12, predictor });
      expect([...encoded.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xc3]);
      expect([...encoded.subarray(-2)]).toEqual([0xff, 0xd9]);
      expect(decode(encoded)).toEqual(pattern);
    });
  }

  it('round-trips noisy 16-bit samples, with large differences and stuffed 0xFF bytes', () => {
    const encoded = encodeLosslessJpeg({ samples: noisy, columns: size, rows: size, precision: 16, predictor: 1 });
    expect(decode(encoded)).toEqual(noisy);
  });

  it('refuses a predictor outside 1–7 and a wrong sample count', () => {
    expect(() => encodeLosslessJpeg({ samples: pattern, columns: size, rows: size, precision: 12, predictor: 0 })).toThrow(/predictor/);
    expect(() => encodeLosslessJpeg({ samples: pattern, columns: size, rows: size - 1, precision: 12, predictor: 1 })).toThrow(/sample count/);
  });
});
