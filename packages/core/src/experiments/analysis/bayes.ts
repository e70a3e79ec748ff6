/**
 * Bayesian estimate of the mean pair difference μ (condition − control), conjugate normal model
 * with unknown variance: d_k ~ N(μ, σ²), and the sceptical, weakly informative prior
 *
 *   μ | σ² ~ N(0, σ²/κ₀),  σ² ~ Inverse-Gamma(a₀, b₀),  κ₀ = 1, a₀ = 1, b₀ = MID²,
 *
 * i.e. worth one pair, centred on "no difference", and on its own a Student t for μ with 2 degrees
 * of freedom, centre 0 and scale MID (58 % of the prior within ±MID). Posterior (standard
 * normal-inverse-gamma update, e.g. Murphy 2007 "Conjugate Bayesian analysis of the Gaussian"):
 *   κₙ = κ₀ + n, μₙ = n·d̄/κₙ, aₙ = a₀ + n/2, bₙ = b₀ + S/2 + κ₀·n·d̄²/(2κₙ), S = Σ(d − d̄)²;
 *   μ | data ~ Student t(2aₙ, μₙ, √(bₙ/(aₙκₙ))).
 */
import { tCdf, tQuantile } from "../../stats/t-distribution";

export const PRIOR_KAPPA = 1;
export const PRIOR_A = 1;

/** The prior in words, for the report. */
export const BAYES_PRIOR_NOTE =
  "normal model with unknown variance and a sceptical, weakly informative normal-inverse-gamma prior centred on no difference: " +
  "μ | σ² ~ N(0, σ²), σ² ~ Inverse-Gamma(1, MID²). On its own the prior for the mean difference is a Student t with 2 degrees " +
  "of freedom, centre 0 and scale equal to the minimal important difference, worth one pair of evenings.";

export interface BayesEstimate {
  /** Posterior mean (and median) of μ. */
  readonly mean: number;
  readonly scale: number;
  readonly df: number;
  readonly lower: number;
  readonly upper: number;
  /** P(benefit > 0): μ on the side of benefit. */
  readonly probabilityOfBenefit: number;
  /** P(benefit > MID). */
  readonly probabilityBeyondMid: number;
  readonly prior: {
    readonly kappa: number;
    readonly a: number;
    readonly b: number;
    readonly description: string;
  };
}

/** Posterior for the mean of `differences`; `sign` is +1 when higher is better, −1 when lower is. */
export function bayesEstimate(
  differences: readonly number[],
  mid: number,
  sign: 1 | -1,
  level = 0.95,
): BayesEstimate {
  const n = differences.length;
  let sum = 0;
  for (const d of differences) sum += d;
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (const d of differences) ss += (d - mean) ** 2;
  const b0 = mid * mid;
  const kappaN = PRIOR_KAPPA + n;
  const muN = (n * mean) / kappaN;
  const aN = PRIOR_A + n / 2;
  const bN = b0 + ss / 2 + (PRIOR_KAPPA * n * mean * mean) / (2 * kappaN);
  const df = 2 * aN;
  const scale = Math.sqrt(bN / (aN * kappaN));
  const t = tQuantile(1 - (1 - level) / 2, df);
  // Upper tails by symmetry, P(μ > c) = F((μₙ − c)/scale), to keep small probabilities accurate.
  const beyond = (x: number) => tCdf((muN - sign * x) / scale, df);
  const below = (x: number) => tCdf((sign * x - muN) / scale, df);
  return {
    mean: muN,
    scale,
    df,
    lower: muN - t * scale,
    upper: muN + t * scale,
    probabilityOfBenefit: sign === 1 ? beyond(0) : below(0),
    probabilityBeyondMid: sign === 1 ? beyond(mid) : below(mid),
    prior: {
      kappa: PRIOR_KAPPA,
      a: PRIOR_A,
      b: b0,
      description:
        `Normal model with unknown variance; sceptical prior centred on no difference: μ | σ² ~ N(0, σ²), ` +
        `σ² ~ Inverse-Gamma(1, ${fmt(b0)}), so μ alone is a Student t with 2 degrees of freedom, centre 0 and scale ${fmt(mid)} (the minimal important difference), worth one pair of evenings.`,
    },
  };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}
