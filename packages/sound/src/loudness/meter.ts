/**
 * ITU-R BS.1770-4 integrated loudness (LUFS) for stereo, streaming: K-weighting, mean square
 * per 100 ms step, 400 ms gating blocks with 75 % overlap, absolute gate −70 LUFS, relative
 * gate −10 LU. Memory: one number per 100 ms (≈290 k numbers for 8 hours).
 */
import { type BiquadCoefs, preFilter, rlbFilter } from "./k-weighting";

class Stage {
  private z1 = 0;
  private z2 = 0;
  constructor(private readonly c: BiquadCoefs) {}
  tick(x: number): number {
    const c = this.c;
    const y = c.b0 * x + this.z1;
    this.z1 = c.b1 * x - c.a1 * y + this.z2;
    this.z2 = c.b2 * x - c.a2 * y;
    return y;
  }
}

export class LoudnessMeter {
  private readonly stages: Stage[][];
  private readonly step: number;
  private acc = 0;
  private count = 0;
  private readonly steps: number[] = [];

  constructor(sampleRate: number, channels = 2) {
    this.step = Math.round(sampleRate / 10);
    this.stages = [];
    for (let c = 0; c < channels; c++) {
      this.stages.push([new Stage(preFilter(sampleRate)), new Stage(rlbFilter(sampleRate))]);
    }
  }

  /** Feed n frames; channels beyond the first two of `chans` are ignored. */
  push(chans: readonly Float32Array[], start = 0, n = (chans[0] as Float32Array).length - start): void {
    const stages = this.stages;
    for (let i = start; i < start + n; i++) {
      let sum = 0;
      for (let c = 0; c < stages.length; c++) {
        const st = stages[c] as Stage[];
        const x = (chans[c] ?? (chans[0] as Float32Array))[i] as number;
        const y = (st[1] as Stage).tick((st[0] as Stage).tick(x));
        sum += y * y;
      }
      this.acc += sum;
      if (++this.count === this.step) {
        this.steps.push(this.acc / this.step);
        this.acc = 0;
        this.count = 0;
      }
    }
  }

  /** Energies (mean square summed over channels) of every complete 400 ms block. */
  blockEnergies(): number[] {
    const out: number[] = [];
    const s = this.steps;
    for (let i = 3; i < s.length; i++) {
      out.push(((s[i] as number) + (s[i - 1] as number) + (s[i - 2] as number) + (s[i - 3] as number)) / 4);
    }
    return out;
  }

  /** Integrated loudness in LUFS (−Infinity if everything is gated out). */
  integrated(): number {
    return gatedLoudness(this.blockEnergies());
  }

  /** Loudness of the most recent 400 ms (momentary), LUFS. */
  momentary(): number {
    const e = this.blockEnergies();
    const last = e[e.length - 1];
    return last === undefined ? Number.NEGATIVE_INFINITY : energyToLufs(last);
  }
}

export function energyToLufs(e: number): number {
  return e > 0 ? -0.691 + 10 * Math.log10(e) : Number.NEGATIVE_INFINITY;
}

export function gatedLoudness(blocks: readonly number[]): number {
  const absGate = 10 ** ((-70 + 0.691) / 10);
  const above = blocks.filter((e) => e > absGate);
  if (above.length === 0) return Number.NEGATIVE_INFINITY;
  const mean = above.reduce((a, b) => a + b, 0) / above.length;
  const relGate = mean * 10 ** (-10 / 10);
  const gated = above.filter((e) => e > relGate);
  if (gated.length === 0) return Number.NEGATIVE_INFINITY;
  return energyToLufs(gated.reduce((a, b) => a + b, 0) / gated.length);
}

/** Integrated loudness of whole stereo (or mono) buffers. */
export function integratedLoudness(sampleRate: number, channels: readonly Float32Array[]): number {
  const m = new LoudnessMeter(sampleRate, channels.length);
  m.push(channels);
  return m.integrated();
}
