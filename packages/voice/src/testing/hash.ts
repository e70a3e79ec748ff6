/** FNV-1a over the samples rounded to 16 bits: a short fingerprint to compare renders. */
export function hashSamples(x: Float32Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < x.length; i++) {
    const v = Math.round((x[i] ?? 0) * 32767) & 0xffff;
    h = Math.imul(h ^ (v & 0xff), 0x01000193);
    h = Math.imul(h ^ (v >>> 8), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}
