/**
 * Click detector for noisy material: the high-pass residual (third difference) compared with
 * its local RMS over ±`window` samples. A sample is an outlier when |residual| exceeds
 * `ratio` × local RMS and an absolute floor. Returns outlier positions, at most one per
 * `window` samples. Impulsive generators produce some natural outliers, so tests compare
 * counts against static renders of the same generator.
 */
export function clickOutliers(x: ArrayLike<number>, ratio = 10, window = 480, floor = 1e-4): number[] {
  const n = x.length;
  const r = new Float64Array(n);
  for (let i = 3; i < n; i++) {
    r[i] = (x[i] as number) - 3 * (x[i - 1] as number) + 3 * (x[i - 2] as number) - (x[i - 3] as number);
  }
  const pre = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) pre[i + 1] = (pre[i] as number) + (r[i] as number) ** 2;
  const out: number[] = [];
  let last = -window;
  for (let i = 3; i < n; i++) {
    const v = Math.abs(r[i] as number);
    if (v < floor) continue;
    const a = Math.max(0, i - window);
    const b = Math.min(n, i + window + 1);
    const rms = Math.sqrt(((pre[b] as number) - (pre[a] as number)) / (b - a));
    if (v > ratio * rms && i - last >= window) {
      out.push(i);
      last = i;
    }
  }
  return out;
}
