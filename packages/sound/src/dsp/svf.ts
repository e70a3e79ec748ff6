/**
 * Topology-preserving state-variable filter (Zavalishin/Simper) coefficients, stable under
 * fast modulation. Store the three coefficients and two states as numbers in the voice:
 *   v3 = x − ic2; v1 = a1·ic1 + a2·v3; v2 = ic2 + a2·ic1 + a3·v3; ic1 = 2v1 − ic1; ic2 = 2v2 − ic2
 *   low = v2, band = v1, high = x − k·v1 − v2.
 * `svfCoefs` writes [a1, a2, a3, k] into `out` (no allocation).
 */
export function svfCoefs(out: Float64Array, sampleRate: number, freq: number, q: number): void {
  const g = Math.tan((Math.PI * Math.min(freq, sampleRate * 0.45)) / sampleRate);
  const k = 1 / q;
  const a1 = 1 / (1 + g * (g + k));
  out[0] = a1;
  out[1] = g * a1;
  out[2] = g * g * a1;
  out[3] = k;
}
