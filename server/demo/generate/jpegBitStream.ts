/**
 * What the JPEG encoders share (ITU-T T.81): the entropy-coded bit stream with its byte stuffing and padding
 * (§F.1.2.3), a value's magnitude category and additional bits (§F.1.2.1, §H.1.2.2), and marker segments
 * (§B.1.1.4).
 */

export class BitWriter {
  private buffer = 0;
  private count = 0;

  constructor(private readonly out: number[]) {}

  write(value: number, length: number): void {
    for (let bit = length - 1; bit >= 0; bit--) {
      this.buffer = (this.buffer << 1) | ((value >>> bit) & 1);
      this.count++;
      if (this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.out.push(this.buffer);
    // A 0xFF in entropy-coded data is followed by a stuffed zero byte (T.81 §F.1.2.3).
    if (this.buffer === 0xff) this.out.push(0);
    this.buffer = 0;
    this.count = 0;
  }

  /** Pads the last byte with 1 bits (T.81 §F.1.2.3). */
  finish(): void {
    while (this.count !== 0) this.write(1, 1);
  }
}

export function segment(out: number[], marker: number, body: readonly number[]): void {
  const length = body.length + 2;
  out.push(0xff, marker, length >>> 8, length & 0xff, ...body);
}

/** Bit length of |value|: the SSSS category of T.81 Tables F.1, F.2 and H.2. */
export function category(value: number): number {
  let magnitude = Math.abs(value);
  let size = 0;
  while (magnitude > 0) {
    size++;
    magnitude >>>= 1;
  }
  return size;
}

/** A category's additional bits: the value itself if positive, else value − 1 in `size` bits (T.81 §F.1.2.1.1). */
export function writeValue(bits: BitWriter, value: number, size: number): void {
  bits.write(value > 0 ? value : value - 1 + (1 << size), size);
}
