/** A hand-built WAV for tests: RIFF header, a 16-byte fmt chunk with these fields, then `data`
 * bytes of data (or no data chunk at all with `data: null`; no fmt chunk with `fmt: false`). */
export function handBuiltWav(fields: {
  formatTag?: number;
  channels: number;
  sampleRate?: number;
  bits?: number;
  blockAlign?: number;
  data: Buffer | null;
  fmt?: boolean;
}): Buffer {
  const { formatTag = 1, channels, sampleRate = 48000, bits = 16, data, fmt = true } = fields;
  const blockAlign = fields.blockAlign ?? (channels * bits) / 8;
  const chunks: Buffer[] = [];
  if (fmt) {
    const f = Buffer.alloc(24);
    f.write("fmt ", 0, "ascii");
    f.writeUInt32LE(16, 4);
    f.writeUInt16LE(formatTag, 8);
    f.writeUInt16LE(channels, 10);
    f.writeUInt32LE(sampleRate, 12);
    f.writeUInt32LE(sampleRate * blockAlign, 16);
    f.writeUInt16LE(blockAlign, 20);
    f.writeUInt16LE(bits, 22);
    chunks.push(f);
  }
  if (data) {
    const d = Buffer.alloc(8);
    d.write("data", 0, "ascii");
    d.writeUInt32LE(data.length, 4);
    chunks.push(d, data, Buffer.alloc(data.length & 1));
  }
  const rest = Buffer.concat(chunks);
  const h = Buffer.alloc(12);
  h.write("RIFF", 0, "ascii");
  h.writeUInt32LE(4 + rest.length, 4);
  h.write("WAVE", 8, "ascii");
  return Buffer.concat([h, rest]);
}
