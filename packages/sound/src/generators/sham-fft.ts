/**
 * A fixed-size in-place radix-2 inverse FFT with its tables made once (the `sham` bed's
 * spectral synthesis): `run` allocates nothing, so it may be called from `process`.
 */
export class InverseFft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Int32Array;

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new Error("InverseFft: size must be a power of two");
    this.size = size;
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i++) {
      // Inverse transform: twiddles e^{+2πi·k/N}.
      this.cos[i] = Math.cos((2 * Math.PI * i) / size);
      this.sin[i] = Math.sin((2 * Math.PI * i) / size);
    }
    this.rev = new Int32Array(size);
    const bits = Math.round(Math.log2(size));
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
      this.rev[i] = r;
    }
  }

  /** x[n] = Σ_k X[k]·e^{+2πikn/N} (unnormalised), in place on re/im of length `size`. */
  run(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = rev[i] as number;
      if (i < j) {
        const tr = re[i] as number;
        re[i] = re[j] as number;
        re[j] = tr;
        const ti = im[i] as number;
        im[i] = im[j] as number;
        im[j] = ti;
      }
    }
    const cs = this.cos;
    const sn = this.sin;
    for (let len = 2; len <= n; len <<= 1) {
      const half = len >> 1;
      const step = n / len;
      for (let s = 0; s < n; s += len) {
        for (let k = 0; k < half; k++) {
          const wr = cs[k * step] as number;
          const wi = sn[k * step] as number;
          const p = s + k;
          const q = p + half;
          const xr = re[q] as number;
          const xi = im[q] as number;
          const tr = xr * wr - xi * wi;
          const ti = xr * wi + xi * wr;
          const ur = re[p] as number;
          const ui = im[p] as number;
          re[p] = ur + tr;
          im[p] = ui + ti;
          re[q] = ur - tr;
          im[q] = ui - ti;
        }
      }
    }
  }
}
