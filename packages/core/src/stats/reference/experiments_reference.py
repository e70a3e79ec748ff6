#!/usr/bin/python3
"""Reference values for packages/core/src/experiments (issue 15), computed independently with
scipy and statsmodels (Debian python3-scipy / python3-statsmodels). Run from this folder:

    /usr/bin/python3 experiments_reference.py > ../../experiments/fixtures.generated.ts
    (then: npx biome check --write packages/core/src/experiments/fixtures.generated.ts)

Routes (none shares code with the TypeScript):
  * pair differences, means, SDs: numpy; 95 % t interval: scipy.stats.ttest_1samp(...).confidence_interval
  * exact randomisation test: brute force over every sign pattern with itertools, in exact Fractions
    (ties are decided exactly); cross-checked against scipy.stats.permutation_test (samples, exact)
  * Bayesian posterior: the conjugate normal-inverse-gamma update evaluated with scipy.stats.t; the
    update itself is checked by numerical integration of prior x likelihood (scipy.integrate)
  * Bang's blinding index: counting, with the multinomial SE
  * expectation / trend regressions: statsmodels OLS (params, bse, conf_int)
  * Pearson r and its Fisher-z interval: scipy.stats.pearsonr(...).confidence_interval()
  * order (carry-over) check: scipy.stats.ttest_ind(equal_var=False), Welch df by hand, t.ppf
  * power: statsmodels TTestPower.solve_power, rounded up
  * Student t quantiles: Debian's scipy 1.10 t.ppf is off by up to ~4e-10 relative (t(0.975, 5) =
    2.5705818366 against 2.5705818356…), too coarse for a 1e-10 test, so every interval uses
    mpmath: the inverse of the regularised incomplete beta at 40 digits. scipy's and statsmodels'
    own intervals are asserted to agree with these to 1e-8.
"""

import itertools
import json
import math
import sys
from fractions import Fraction

import mpmath
import numpy as np
import scipy
import scipy.integrate as integrate
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.power import TTestPower

mpmath.mp.dps = 40


def tppf(p, df):
    """Quantile of Student t (p > 0.5) from x = I^-1_{2(1-p)}(df/2, 1/2), t = sqrt(df (1/x - 1))."""
    target = 2 * (1 - mpmath.mpf(p))
    a, b = mpmath.mpf(df) / 2, mpmath.mpf(1) / 2
    f = lambda x: mpmath.betainc(a, b, 0, x, regularized=True) - target
    lo, hi = mpmath.mpf(0), mpmath.mpf(1)
    for _ in range(200):  # bisection: slow but sure
        mid = (lo + hi) / 2
        if f(mid) > 0:
            hi = mid
        else:
            lo = mid
    x = (lo + hi) / 2
    return float(mpmath.sqrt(mpmath.mpf(df) * (1 / x - 1)))


def near(a, b, tol=1e-8):
    assert abs(a - b) <= tol * max(1, abs(b)), (a, b)


def ci_from(est, se, df):
    q = tppf("0.975", df)
    return est - q * se, est + q * se


BENEFIT = {"anxiety-change": -1, "pleasantness-change": 1, "tingles": 1, "sleep-onset-latency": -1, "sleep-efficiency": 1}


def evenings(pairs, orders, outcomes, expectations, guesses, start_day=1):
    """orders: 'AB'/'BA' per pair; outcomes etc. flat per evening (None = missing)."""
    out = []
    for p, order in enumerate(orders):
        for pos in range(2):
            i = 2 * p + pos
            out.append({
                "index": i + 1, "pair": p + 1, "date": "2026-12-%02d" % (start_day + i),
                "soundscape": order[pos], "outcome": outcomes[i], "expectation": expectations[i], "guess": guesses[i],
            })
    return out


G = {"A": "A-is-trigger", "B": "B-is-trigger", "?": "dont-know", None: None}

DATASETS = [
    {
        "name": "whisper-helps",
        "outcome": "anxiety-change", "mid": 10, "plannedPairs": 6, "blinding": {"condition": "B", "control": "A"},
        "evenings": evenings(6, ["AB", "BA", "BA", "AB", "AB", "BA"],
                             [-6, -18, -21, -9, -14, -4, -3, -12, -8, -22, -15, -5],
                             [5, 6, 7, 5, 6, 6, 4, 7, 5, 8, 7, 5],
                             [G[g] for g in "BBBABB?BABBA"]),
        "deviations": {"stoppedEarlyOn": None, "unblindedEarlyOn": None},
    },
    {
        "name": "incomplete-pairs",
        "outcome": "anxiety-change", "mid": 10, "plannedPairs": 6, "blinding": {"condition": "A", "control": "B"},
        "evenings": evenings(6, ["BA", "AB", "AB", "BA", "AB", "BA"],
                             [-2, -11, -15, -5, None, -7, -3.5, -12, None, None, -6.5, -20],
                             [3, 6, 7, 2, None, 4, 8, 5, None, None, 9, None],
                             [G[g] for g in ["?", "A", "A", "?", None, "B", "A", "A", None, None, "A", None]]),
        "deviations": {"stoppedEarlyOn": "2026-12-12", "unblindedEarlyOn": None},
    },
    {
        "name": "tie-heavy",
        "outcome": "tingles", "mid": 1, "plannedPairs": 8, "blinding": {"condition": "A", "control": "B"},
        "evenings": evenings(8, ["AB", "BA", "BA", "AB", "BA", "AB", "AB", "BA"],
                             [3, 3, 2, 3, 3, 4, 2, 2, 2, 1, 3, 2, 1, 1, 3, 4],
                             [5, 5, 4, 6, 6, 5, 5, 5, 6, 4, 6, 5, 4, 4, 5, 6],
                             [G[g] for g in "??A?B?A???AB??AA"]),
        "deviations": {"stoppedEarlyOn": None, "unblindedEarlyOn": "2026-12-15"},
    },
    {
        "name": "pleasantness-null",
        "outcome": "pleasantness-change", "mid": 1, "plannedPairs": 10, "blinding": {"condition": "B", "control": "A"},
        "evenings": evenings(10, ["AB", "AB", "BA", "BA", "AB", "BA", "AB", "BA", "AB", "BA"],
                             [1, 2, 0, 1, 2, 1, 3, 2, 1, 1, 0, 1, 2, 3, 1, 0, 2, 2, 1, 2],
                             [4, 5, 3, 4, 6, 5, 4, 4, 5, 3, 4, 4, 6, 6, 3, 4, 5, 5, 4, 5],
                             [G[g] for g in "A?B?AB??BAA?B??AB?A?"]),
        "deviations": {"stoppedEarlyOn": None, "unblindedEarlyOn": None},
    },
    {
        "name": "sleep-onset",
        "outcome": "sleep-onset-latency", "mid": 10, "plannedPairs": 7, "blinding": {"condition": "A", "control": "B"},
        "evenings": evenings(7, ["BA", "AB", "BA", "AB", "AB", "BA", "BA"],
                             [35, 20, 15, 40, 30, 25, 10, 22.5, 18, 45, 50, 25, 30, 20],
                             [6, 7, 8, 6, 5, 7, 8, 6, 7, 5, 4, 8, 6, 7],
                             [G[g] for g in "AAA?BAA??ABA?A"]),
        "deviations": {"stoppedEarlyOn": None, "unblindedEarlyOn": None},
    },
    {
        "name": "too-few",
        "outcome": "anxiety-change", "mid": 10, "plannedPairs": 6, "blinding": {"condition": "B", "control": "A"},
        "evenings": evenings(6, ["AB", "BA", "AB", "BA", "AB", "AB"],
                             [-5, -12, -8, None] + [None] * 8,
                             [5, 5, 6, None] + [None] * 8,
                             [G["B"], G["B"], G["?"], None] + [None] * 8),
        "deviations": {"stoppedEarlyOn": "2026-12-04", "unblindedEarlyOn": "2026-12-04"},
    },
]


def arm_of(e, blinding):
    return "condition" if e["soundscape"] == blinding["condition"] else "control"


def ci_dict(est, se, lo, hi, df):
    lower, upper = ci_from(float(est), float(se), df)
    near(lower, lo)
    near(upper, hi)
    return {"estimate": float(est), "se": float(se), "lower": lower, "upper": upper}


def exact_randomisation(diffs, sign):
    fr = [Fraction(str(d)) for d in diffs]
    observed = sum(fr)
    total = two = one = 0
    for signs in itertools.product((1, -1), repeat=len(fr)):
        s = sum(x * g for x, g in zip(fr, signs))
        total += 1
        if abs(s) >= abs(observed):
            two += 1
        if (s >= observed) if sign == 1 else (s <= observed):
            one += 1
    return total, Fraction(two, total), Fraction(one, total)


def bayes(diffs, mid, sign):
    d = np.asarray(diffs, dtype=float)
    n = len(d)
    m = d.mean()
    ss = float(((d - m) ** 2).sum())
    k0, a0, b0 = 1.0, 1.0, float(mid) ** 2
    kn = k0 + n
    mun = n * m / kn
    an = a0 + n / 2
    bn = b0 + ss / 2 + k0 * n * m * m / (2 * kn)
    post = st.t(df=2 * an, loc=mun, scale=math.sqrt(bn / (an * kn)))
    scale = math.sqrt(bn / (an * kn))
    lo, hi = ci_from(mun, scale, 2 * an)
    slo, shi = post.interval(0.95)
    near(lo, slo)
    near(hi, shi)
    if sign == 1:
        p0, pmid = post.sf(0), post.sf(mid)
    else:
        p0, pmid = post.cdf(0), post.cdf(-mid)
    # Independent check of the conjugate algebra: integrate prior x likelihood over (mu, sigma^2).
    def joint(s2, mu):
        prior = st.norm.pdf(mu, 0, math.sqrt(s2 / k0)) * st.invgamma.pdf(s2, a0, scale=b0)
        return prior * np.prod(st.norm.pdf(d, mu, math.sqrt(s2)))
    span = 12 * post.std() if np.isfinite(post.std()) else 400
    lo_mu, hi_mu = mun - span, mun + span
    z, _ = integrate.dblquad(joint, lo_mu, hi_mu, 0, np.inf, epsabs=0, epsrel=1e-10)
    if sign == 1:
        num, _ = integrate.dblquad(joint, mid, hi_mu, 0, np.inf, epsabs=0, epsrel=1e-10)
    else:
        num, _ = integrate.dblquad(joint, lo_mu, -mid, 0, np.inf, epsabs=0, epsrel=1e-10)
    assert abs(num / z - pmid) < 1e-5, (num / z, pmid)
    return {"mean": float(mun), "scale": scale, "df": 2 * an,
            "lower": float(lo), "upper": float(hi), "probabilityOfBenefit": float(p0), "probabilityBeyondMid": float(pmid)}


def blinding_arm(evs, blinding, arm):
    c = i = dk = 0
    for e in evs:
        if arm_of(e, blinding) != arm or e["guess"] is None:
            continue
        if e["guess"] == "dont-know":
            dk += 1
        elif e["guess"][0] == blinding["condition"]:
            c += 1
        else:
            i += 1
    n = c + i + dk
    if n == 0:
        return {"n": 0, "correct": 0, "incorrect": 0, "dontKnow": 0, "index": None, "se": None}
    pc, pi = c / n, i / n
    return {"n": n, "correct": c, "incorrect": i, "dontKnow": dk, "index": pc - pi,
            "se": math.sqrt((pc + pi - (pc - pi) ** 2) / n)}


def analyse(ds):
    sign = BENEFIT[ds["outcome"]]
    evs = ds["evenings"]
    bl = ds["blinding"]
    rec = [e for e in evs if e["outcome"] is not None]
    pairs = []
    for p in range(1, ds["plannedPairs"] + 1):
        cond = [e for e in evs if e["pair"] == p and arm_of(e, bl) == "condition" and e["outcome"] is not None]
        ctrl = [e for e in evs if e["pair"] == p and arm_of(e, bl) == "control" and e["outcome"] is not None]
        if cond and ctrl:
            pairs.append({"pair": p, "difference": cond[0]["outcome"] - ctrl[0]["outcome"],
                          "conditionFirst": cond[0]["index"] < ctrl[0]["index"]})
    out = {
        "completePairs": [p["pair"] for p in pairs],
        "differences": [float(p["difference"]) for p in pairs],
        "missedEvenings": [e["index"] for e in evs if e["outcome"] is None],
        "blinding": {"condition": blinding_arm(evs, bl, "condition"), "control": blinding_arm(evs, bl, "control")},
        "result": None,
    }
    if len(pairs) < 2:
        return out
    d = np.array([p["difference"] for p in pairs], dtype=float)
    n = len(d)
    tt = st.ttest_1samp(d, 0)
    ci = tt.confidence_interval(0.95)
    near(ci_from(float(d.mean()), float(np.std(d, ddof=1)) / math.sqrt(n), n - 1)[0], float(ci.low))
    sd = float(np.std(d, ddof=1))
    dz = float(d.mean() / sd) if sd > 0 else None
    gz = dz * (1 - 3 / (4 * (n - 1) - 1)) if dz is not None and n >= 3 else None
    total, two, one = exact_randomisation(d.tolist(), sign)
    sp = st.permutation_test((d,), np.mean, permutation_type="samples", n_resamples=np.inf, alternative="two-sided")
    assert abs(sp.pvalue - float(two)) < 1e-12, (sp.pvalue, two)
    # expectation
    ex = [e for e in rec if e["expectation"] is not None]
    y = np.array([e["outcome"] for e in ex], dtype=float)
    X = sm.add_constant(np.column_stack([[1.0 if arm_of(e, bl) == "condition" else 0.0 for e in ex],
                                         [float(e["expectation"]) for e in ex]]))
    fit = sm.OLS(y, X).fit()
    cint = fit.conf_int(0.05)
    pr = st.pearsonr([float(e["expectation"]) for e in ex], y)
    rci = pr.confidence_interval(0.95)
    # order
    first = [p["difference"] for p in pairs if p["conditionFirst"]]
    second = [p["difference"] for p in pairs if not p["conditionFirst"]]
    order = {"nFirst": len(first), "nSecond": len(second), "difference": None, "lower": None, "upper": None,
             "t": None, "df": None, "pValue": None}
    if len(first) >= 2 and len(second) >= 2:
        w = st.ttest_ind(first, second, equal_var=False)
        va, vb = np.var(first, ddof=1) / len(first), np.var(second, ddof=1) / len(second)
        df = (va + vb) ** 2 / (va ** 2 / (len(first) - 1) + vb ** 2 / (len(second) - 1))
        diff = float(np.mean(first) - np.mean(second))
        lower, upper = ci_from(diff, math.sqrt(va + vb), float(df))
        near(diff - st.t.ppf(0.975, df) * math.sqrt(va + vb), lower)
        order.update({"difference": diff, "lower": lower, "upper": upper, "t": float(w.statistic),
                      "df": float(df), "pValue": float(w.pvalue)})
    # trend
    yt = np.array([e["outcome"] for e in rec], dtype=float)
    Xt = sm.add_constant(np.column_stack([[1.0 if arm_of(e, bl) == "condition" else 0.0 for e in rec],
                                          [float(e["index"]) for e in rec]]))
    ft = sm.OLS(yt, Xt).fit()
    ct = ft.conf_int(0.05)
    out["result"] = {
        "effect": {"pairs": n, "mean": float(d.mean()), "sd": sd, "se": float(sd / math.sqrt(n)), "df": n - 1,
                   "lower": ci_from(float(d.mean()), sd / math.sqrt(n), n - 1)[0],
                   "upper": ci_from(float(d.mean()), sd / math.sqrt(n), n - 1)[1], "dz": dz, "gz": gz},
        "randomisation": {"assignments": total, "twoSided": float(two), "oneSided": float(one),
                          "twoSidedExact": "%d/%d" % (two.numerator, two.denominator),
                          "oneSidedExact": "%d/%d" % (one.numerator, one.denominator)},
        "bayes": bayes(d.tolist(), ds["mid"], sign),
        "expectation": {
            "n": len(ex),
            "adjustedDifference": ci_dict(fit.params[1], fit.bse[1], cint[1][0], cint[1][1], fit.df_resid),
            "expectationSlope": ci_dict(fit.params[2], fit.bse[2], cint[2][0], cint[2][1], fit.df_resid),
            "correlation": {"r": float(pr.statistic), "lower": float(rci.low), "upper": float(rci.high)},
        },
        "order": order,
        "trend": {"n": len(rec), "slope": ci_dict(ft.params[2], ft.bse[2], ct[2][0], ct[2][1], ft.df_resid)},
    }
    return out


POWER_CASES = [
    {"outcome": "anxiety-change", "mid": 10, "past": [-12, -4, -20, -8, -15, -2, -9, -17, -6, -11]},
    {"outcome": "tingles", "mid": 1, "past": [2, 3, 5, 1, 4, 3, 2, 6, 3]},
    {"outcome": "sleep-onset-latency", "mid": 10, "past": [25, 40, 15, 30, 20, 55, 35, 25]},
]


def power(case):
    sd_e = float(np.std(case["past"], ddof=1))
    sd_d = math.sqrt(2) * sd_e
    tp = TTestPower()
    solve = lambda dz: math.ceil(tp.solve_power(effect_size=dz, alpha=0.05, power=0.8, alternative="two-sided") - 1e-9)
    return {"sdEvening": sd_e, "sdDifference": sd_d, "pairs05": solve(0.5), "pairs08": solve(0.8),
            "midDz": case["mid"] / sd_d, "pairsMid": solve(case["mid"] / sd_d)}


def ts(value):
    return json.dumps(value, indent=2, allow_nan=False)


def main():
    results = [{"name": ds["name"], "input": {k: ds[k] for k in ("outcome", "mid", "plannedPairs", "blinding", "evenings", "deviations")},
                "expected": analyse(ds)} for ds in DATASETS]
    power_results = [{**c, "expected": power(c)} for c in POWER_CASES]
    print("// Generated by packages/core/src/stats/reference/experiments_reference.py; do not edit by hand.")
    print("// scipy %s, statsmodels %s, numpy %s, mpmath %s. See stats/reference/README.md." % (scipy.__version__, statsmodels.__version__, np.__version__, mpmath.__version__))
    print("")
    print("export const EXPERIMENT_CASES = %s as const;" % ts(results))
    print("")
    print("export const POWER_CASES = %s as const;" % ts(power_results))


if __name__ == "__main__":
    main()
