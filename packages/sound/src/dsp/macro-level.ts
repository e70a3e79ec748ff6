/**
 * A slow level normaliser for the macro envelope of an evolving bed (not a compressor on the
 * output). A bed's gusts, ebbs and slow wanders set its level; over a minute a few of them
 * decide how loud a seed is (leaves ranged 3.5 LU across seeds, waves 4.7 LU). The voice feeds
 * the power its macro envelope asks for (a proxy: the sum of its gains squared, times event rate)
 * and a seed-independent reference (the same proxy at the parameters' typical state); a leaky
 * mean of the power over `seconds` is pulled towards the reference by `strength` (0 … 1, in dB),
 * so changes faster than `seconds` (a gust, a wave) pass untouched while a seed's slow drift in
 * level is taken out. Timbre still wanders. Once per control tick set `power` and `reference`,
 * call `step()` and multiply the envelope's gains by `gain` (amplitude). Inputs and output are
 * fields, so no double crosses a call (nothing boxed where V8 does not inline it).
 */
export class MacroLevel {
  /** Amplitude gain to apply to the macro envelope. */
  gain = 1;
  /** The power the macro envelope asks for now (set before `step`). */
  power = 0;
  /** The seed-independent power it should average (set before `step`). */
  reference = 1;
  private mean = -1;
  private readonly k: number;

  constructor(
    stepSeconds: number,
    seconds: number,
    private readonly strength: number,
    private readonly lo = 0.35,
    private readonly hi = 2.8,
  ) {
    this.k = 1 - Math.exp(-stepSeconds / seconds);
  }

  /** Advance by one control step. */
  step(): void {
    const power = this.power;
    const ref = Math.max(this.reference, 1e-12);
    // Start at the reference: no fade-in transient and no seed-dependent start.
    if (this.mean < 0) this.mean = ref;
    this.mean += this.k * (power - this.mean);
    const m = Math.max(this.mean, 1e-12);
    const g = (ref / m) ** (0.5 * this.strength);
    this.gain = Math.min(this.hi, Math.max(this.lo, g));
  }
}
