#!/usr/bin/env python3
"""Reference values for packages/core/src/stats, computed by routes independent of the TypeScript code.

Standard library only (no scipy, no mpmath). Run from this folder:
    python3 generate_fixtures.py > ../fixtures.generated.ts
Routes (see README.md):
  * Student t, integer df: the closed-form finite series of Abramowitz & Stegun 26.7.3/26.7.4 in
    60-digit Decimal arithmetic, inverted by bisection to 1e-40.
  * Student t, fractional df (Welch): the CDF as a finite integral after x = sqrt(df)*tan(theta),
    P(T > t) = int_{atan(t/sqrt df)}^{pi/2} cos^(df-1) / (2 int_0^{pi/2} cos^(df-1)), by tanh-sinh
    quadrature in double precision, inverted by bisection. Cross-checked against the closed form at
    integer df (max difference printed to stderr).
  * Normal: erf power series in 60-digit Decimal, inverted by bisection.
  * log-gamma: exact factorial / half-integer closed forms in Decimal.
  * Regularised incomplete beta, integer a, b: the exact binomial-sum identity in Fractions.
  * Means, SDs, Welch df, Hedges J, lag-1 autocorrelation, AR(1) effective n: exact Fractions;
    square roots in Decimal.
  * Randomisation p-values: brute-force enumeration with itertools.
"""
import itertools
import math
import sys
from decimal import Decimal as D, getcontext
from fractions import Fraction as Fr

getcontext().prec = 60


def dsqrt(x):
    return D(x).sqrt()


def dq(s):
    return "\"" + s + "\""


def frac_to_dec(f):
    return D(f.numerator) / D(f.denominator)


def d_pi():
    # Machin: pi = 16 atan(1/5) - 4 atan(1/239)
    return 16 * d_atan_small(D(1) / 5) - 4 * d_atan_small(D(1) / 239)


def d_atan_small(x):
    # Taylor series, |x| < 1 (converges fast for |x| <= 0.5)
    total, term, k = D(0), x, 0
    x2 = x * x
    while True:
        t = term / (2 * k + 1)
        if abs(t) < D(10) ** -70:
            break
        total += t if k % 2 == 0 else -t
        term *= x2
        k += 1
    return total


PI = d_pi()


def d_atan(x):
    if x < 0:
        return -d_atan(-x)
    if x > 1:
        return PI / 2 - d_atan(1 / x)
    # halve the argument twice: atan(x) = 2 atan(x / (1 + sqrt(1 + x^2)))
    y = x / (1 + dsqrt(1 + x * x))
    y = y / (1 + dsqrt(1 + y * y))
    return 4 * d_atan_small(y)


def t_cdf_closed(t, nu):
    """P(T <= t) for integer nu via A&S 26.7.3 (odd) / 26.7.4 (even), Decimal."""
    t = D(t)
    x = t / dsqrt(nu)
    c2 = 1 / (1 + x * x)  # cos^2(theta)
    s = x / dsqrt(1 + x * x)  # sin(theta), signed
    if nu % 2 == 1:
        theta = d_atan(x)
        inner, term = D(0), D(1)
        if nu > 1:
            cos = dsqrt(c2)
            term = cos
            inner = term
            for k in range(1, (nu - 3) // 2 + 1):
                term = term * c2 * (2 * k) / (2 * k + 1)
                inner += term
            a = 2 / PI * (theta + s * inner)
        else:
            a = 2 / PI * theta
    else:
        term, inner = D(1), D(1)
        for k in range(1, (nu - 2) // 2 + 1):
            term = term * c2 * (2 * k - 1) / (2 * k)
            inner += term
        a = s * inner
    return (1 + a) / 2


def invert(cdf, p, lo, hi, tol):
    p = D(p)
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if cdf(mid) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def t_quantile_closed(p, nu):
    return invert(lambda t: t_cdf_closed(t, nu), p, D(-1000), D(1000), D(10) ** -40)


def d_erf(x):
    total, term, k = D(0), x, 0
    x2 = x * x
    while True:
        t = term / (2 * k + 1)
        if abs(t) < D(10) ** -70 and k > 5:
            break
        total += t
        k += 1
        term = -term * x2 / k
    return 2 / dsqrt(PI) * total


def normal_cdf(x):
    return (1 + d_erf(D(x) / dsqrt(2))) / 2


def normal_quantile(p):
    return invert(normal_cdf, p, D(-12), D(12), D(10) ** -40)


# --- fractional df: tanh-sinh quadrature in double precision --------------------------------------
def tanh_sinh(f_of_dist, a, b):
    """Integrate over [a, b]; f_of_dist(x, da, db) gets the point and its distances to a and b."""
    half = (b - a) / 2
    prev = None
    h = 0.5
    while h > 1e-4:
        total = 0.0
        k = -int(4.0 / h)
        while k <= int(4.0 / h):
            t = k * h
            u = math.pi / 2 * math.sinh(t)
            w = math.pi / 2 * math.cosh(t) / math.cosh(u) ** 2
            comp = 2.0 / (math.exp(2 * abs(u)) + 1.0)  # 1 - |tanh(u)|
            if t >= 0:
                db = half * comp
                da = 2 * half - db
            else:
                da = half * comp
                db = 2 * half - da
            if da > 0 and db > 0:
                total += w * f_of_dist(a + da, da, db)
            k += 1
        total *= h * half
        if prev is not None and abs(total - prev) <= 1e-16 * abs(total):
            return total
        prev = total
        h /= 2
    return total


def t_upper_tail_quad(t, nu):
    m = nu - 1.0
    # cos(theta)^m written via the distance to pi/2: cos(theta) = sin(pi/2 - theta)
    f = lambda x, da, db: math.sin(db) ** m  # noqa: E731
    theta_t = math.atan(t / math.sqrt(nu))
    norm = tanh_sinh(f, 0.0, math.pi / 2)
    return tanh_sinh(f, theta_t, math.pi / 2) / (2 * norm)


def t_quantile_quad(p, nu):
    q = 1 - p
    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_upper_tail_quad(mid, nu) > q:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-15:
            break
    return (lo + hi) / 2


# --- helpers on data -------------------------------------------------------------------------------
def f_mean(xs):
    return sum(Fr(x) for x in xs) / len(xs)


def f_var(xs):
    m = f_mean(xs)
    return sum((Fr(x) - m) ** 2 for x in xs) / (len(xs) - 1)


def num(x):
    """The nearest double (correctly rounded from Decimal), as its shortest JS literal."""
    return repr(float(D(x))) if not isinstance(x, float) else repr(x)


out = []


def emit(name, rows):
    out.append(f"export const {name} = {rows} as const;\n")


# t quantiles at integer df (closed form)
tq = []
for nu in [1, 2, 3, 4, 5, 9, 10, 22, 29, 30, 100]:
    for p in ["0.975", "0.995", "0.9", "0.6", "0.025"]:
        tq.append(f"  {{ p: {p}, df: {nu}, q: {num(t_quantile_closed(p, nu))} }}")
emit("T_QUANTILES", "[\n" + ",\n".join(tq) + ",\n]")

tc = []
for nu, t in [(1, "1"), (3, "2.5"), (4, "-1.3"), (7, "0.4"), (12, "3.1"), (30, "-2"), (50, "6")]:
    tc.append(f"  {{ t: {t}, df: {nu}, p: {num(t_cdf_closed(t, nu))} }}")
emit("T_CDF", "[\n" + ",\n".join(tc) + ",\n]")

# fractional df via quadrature; cross-check at integer df
worst = 0.0
for nu in [3, 5, 10, 29]:
    worst = max(worst, abs(t_quantile_quad(0.975, float(nu)) - float(t_quantile_closed("0.975", nu))))
print(f"quadrature vs closed form, max |diff| at integer df: {worst:.3e}", file=sys.stderr)
tf = []
for nu in [2.5, 3.7, 7.25, 13.9, 41.3]:
    tf.append(f"  {{ p: 0.975, df: {nu}, q: {repr(t_quantile_quad(0.975, nu))} }}")
emit("T_QUANTILES_FRACTIONAL_DF", "[\n" + ",\n".join(tf) + ",\n]")

zq = []
for p in ["0.975", "0.995", "0.8", "0.9", "0.5", "0.025", "0.0001", "1e-10"]:
    zq.append(f"  {{ p: {p}, q: {num(normal_quantile(p))} }}")
emit("NORMAL_QUANTILES", "[\n" + ",\n".join(zq) + ",\n]")

lg = []
for n in [1, 2, 4, 10, 100]:  # Gamma(n) = (n-1)!
    lg.append(f"  {{ x: {n}, value: {num(D(math.factorial(n - 1)).ln())} }}")
for n in [0, 1, 5, 20, 85]:  # Gamma(n + 1/2) = (2n)! sqrt(pi) / (4^n n!)
    val = D(math.factorial(2 * n)) * dsqrt(PI) / (D(4) ** n * math.factorial(n))
    lg.append(f"  {{ x: {n}.5, value: {num(val.ln())} }}")
emit("LOG_GAMMA", "[\n" + ",\n".join(lg) + ",\n]")

ib = []
for x, a, b in [(Fr(1, 4), 2, 3), (Fr(1, 2), 5, 5), (Fr(9, 10), 10, 3), (Fr(3, 10), 1, 1), (Fr(1, 100), 2, 20), (Fr(7, 10), 30, 12)]:
    n = a + b - 1
    val = sum(Fr(math.comb(n, j)) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1))
    ib.append(f"  {{ x: {num(frac_to_dec(x))}, a: {a}, b: {b}, value: {num(frac_to_dec(val))} }}")
emit("INCOMPLETE_BETA", "[\n" + ",\n".join(ib) + ",\n]")

# --- intervals -------------------------------------------------------------------------------------
PRE = [62, 55, 70, 48, 66, 59, 73, 51, 64, 57]
POST = [45, 50, 52, 47, 49, 41, 60, 49, 50, 44]
ONE_SAMPLE = {
    "three": [4, 7, 12],
    "anxietyChange": [b - a for a, b in zip(PRE, POST)],
    "thirty": [((i * 37) % 23) - 11 + (i % 5) * 0.5 for i in range(30)],
}
ti = []
for name, xs in ONE_SAMPLE.items():
    n = len(xs)
    m, v = f_mean(xs), f_var(xs)
    sd = dsqrt(frac_to_dec(v))
    tcrit = t_quantile_closed("0.975", n - 1)
    hw = tcrit * sd / dsqrt(n)
    dz = frac_to_dec(m) / sd
    j = Fr(1) - Fr(3, 4 * (n - 1) - 1)
    ti.append(
        f"  {{ name: {dq(name)}, values: {xs}, mean: {num(frac_to_dec(m))}, sd: {num(sd)}, df: {n - 1}, "
        f"tCritical: {num(tcrit)}, lower: {num(frac_to_dec(m) - hw)}, upper: {num(frac_to_dec(m) + hw)}, "
        f"dz: {num(dz)}, correction: {num(frac_to_dec(j))}, dzCorrected: {num(dz * frac_to_dec(j))} }}"
    )
emit("T_INTERVALS", "[\n" + ",\n".join(ti) + ",\n]")
emit("PAIRED", f"{{ before: {PRE}, after: {POST} }}")

WELCH = {
    "rainVsNot": ([-18, -12, -25, -9, -20, -14, -16], [-5, -11, 2, -8, -3, -15, 0, -6, -9, -1, -4]),
    "unequalSpread": ([3.1, 4.7, 2.2, 5.9, 4.4], [1.0, 1.2, 0.9, 1.1, 1.3, 0.8, 1.05, 0.95]),
    "small": ([10, 12, 17], [3, 4, 5, 9]),
}
wi = []
for name, (a, b) in WELCH.items():
    va, vb = f_var(a) / len(a), f_var(b) / len(b)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    tcrit = t_quantile_quad(0.975, float(df))
    diff = frac_to_dec(f_mean(a) - f_mean(b))
    se = dsqrt(frac_to_dec(va + vb))
    hw = D(repr(tcrit)) * se
    wi.append(
        f"  {{ name: {dq(name)}, a: {a}, b: {b}, difference: {num(diff)}, se: {num(se)}, df: {num(frac_to_dec(df))}, "
        f"tCritical: {repr(tcrit)}, lower: {num(diff - hw)}, upper: {num(diff + hw)} }}"
    )
emit("WELCH_INTERVALS", "[\n" + ",\n".join(wi) + ",\n]")

# --- autocorrelation and effective n ---------------------------------------------------------------
SERIES = {"rising": [1, 2, 3, 4, 5, 6], "alternating": [1, -1, 1, -1, 1, -1, 1], "mixed": [5, 3, 8, 6, 9, 4, 7, 7]}
ac = []
for name, xs in SERIES.items():
    m = f_mean(xs)
    num_ = sum((Fr(xs[i]) - m) * (Fr(xs[i + 1]) - m) for i in range(len(xs) - 1))
    den = sum((Fr(x) - m) ** 2 for x in xs)
    ac.append(f"  {{ name: {dq(name)}, values: {xs}, r1: {num(frac_to_dec(num_ / den))} }}")
emit("LAG1", "[\n" + ",\n".join(ac) + ",\n]")

es = []
for n, rho in [(20, Fr(1, 5)), (20, Fr(2, 5)), (40, Fr(1, 5)), (40, Fr(2, 5)), (10, Fr(-3, 10))]:
    s = sum((1 - Fr(k, n)) * rho**k for k in range(1, n))
    es.append(f"  {{ n: {n}, rho: {num(frac_to_dec(rho))}, nEff: {num(frac_to_dec(n / (1 + 2 * s)))} }}")
emit("EFFECTIVE_N", "[\n" + ",\n".join(es) + ",\n]")

# --- randomisation p-values by brute force ---------------------------------------------------------
def sign_flip_p(ds, alt):
    obs = f_mean(ds)
    count = total = 0
    for signs in itertools.product([1, -1], repeat=len(ds)):
        st = f_mean([s * d for s, d in zip(signs, ds)])
        total += 1
        count += st >= obs if alt == "greater" else st <= obs if alt == "less" else abs(st) >= abs(obs)
    return Fr(count, total)


def perm_p(a, b, alt):
    pooled = a + b
    obs = f_mean(a) - f_mean(b)
    count = total = 0
    for idx in itertools.combinations(range(len(pooled)), len(a)):
        ga = [pooled[i] for i in idx]
        gb = [pooled[i] for i in range(len(pooled)) if i not in idx]
        st = f_mean(ga) - f_mean(gb)
        total += 1
        count += st >= obs if alt == "greater" else st <= obs if alt == "less" else abs(st) >= abs(obs)
    return Fr(count, total)


rp = []
for ds in [[1, 2, 3, 4, 5], [3, -1, 4, 1, -5, 9], [-2, -6, 1, -3, -4, -7, 0.5]]:
    for alt in ["greater", "less", "two-sided"]:
        rp.append(f"  {{ kind: \"sign-flip\", a: {ds}, b: [], alternative: {dq(alt)}, p: {num(frac_to_dec(sign_flip_p(ds, alt)))} }}")
for a, b in [([5, 6, 7], [1, 2, 3]), ([2, 9, 4, 7], [3, 1, 5, 6, 8])]:
    for alt in ["greater", "two-sided"]:
        rp.append(f"  {{ kind: \"permutation\", a: {a}, b: {b}, alternative: {dq(alt)}, p: {num(frac_to_dec(perm_p(a, b, alt)))} }}")
emit("RANDOMISATION", "[\n" + ",\n".join(rp) + ",\n]")

print("// Generated by reference/generate_fixtures.py; do not edit by hand. See reference/README.md.\n")
print("\n".join(out))
