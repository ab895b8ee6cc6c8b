/**
 * Test fixture encoder for RLE Lossless (PS3.5 Annex G): one PackBits segment per byte plane, most significant
 * byte first, runs of three or more equal bytes replicated and the rest sent literally.
 */

function packBits(plane: Uint8Array): Buffer {
  const out: number[] = [];
  let index = 0;
  while (index < plane.length) {
    let run = 1;
    while (index + run < plane.length && run < 128 && plane[index + run] === plane[index]) run += 1;
    if (run >= 3) {
      out.push(257 - run, plane[index] ?? 0);
      index += run;
      continue;
    }
    const start = index;
    while (index < plane.length && index - start < 128) {
      if (index + 2 < plane.length && plane[index] === plane[index + 1] && plane[index] === plane[index + 2]) break;
      index += 1;
    }
    out.push(index - start - 1, ...plane.subarray(start, index));
  }
  if (out.length % 2 === 1) out.push(0x80);
  return Buffer.from(out);
}

/** Encodes little endian interleaved samples into one RLE frame. */
export function encodeRle(bytes: Uint8Array, samplesPerPixel: number, bytesPerSample: number): Buffer {
  const pixelCount = bytes.length / (samplesPerPixel * bytesPerSample);
  const segments: Buffer[] = [];
  for (let sample = 0; sample < samplesPerPixel; sample += 1) {
    for (let significance = bytesPerSample - 1; significance >= 0; significance -= 1) {
      const plane = new Uint8Array(pixelCount);
      for (let pixel = 0; pixel < pixelCount; pixel += 1) plane[pixel] = bytes[(pixel * samplesPerPixel + sample) * bytesPerSample + significance] ?? 0;
      segments.push(packBits(plane));
    }
  }
  const header = Buffer.alloc(64);
  header.writeUInt32LE(segments.length, 0);
  let offset = 64;
  segments.forEach((segment, index) => {
    header.writeUInt32LE(offset, 4 + index * 4);
    offset += segment.length;
  });
  return Buffer.concat([header, ...segments]);
}
