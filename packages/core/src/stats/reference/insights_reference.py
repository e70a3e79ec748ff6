"""Reference values for packages/core/src/insights/effects.test.ts (rain / fire / overall intervals).

Fractions for mean and variance, Decimal square roots, t quantile from the closed form in
generate_fixtures.py (only its definitions are executed). Run: python3 insights_reference.py
"""
from fractions import Fraction as Fr
from decimal import Decimal as D, getcontext
getcontext().prec = 50
import importlib.util, sys, io, contextlib
# reuse only the closed-form t quantile from the generator, without running its top level
src = open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), 'generate_fixtures.py')).read()
cut = src.index('# --- fractional df')
ns = {}
exec(src[:cut], ns)
tq = ns['t_quantile_closed']
def ci(xs):
    n=len(xs); m=sum(Fr(x) for x in xs)/n; v=sum((Fr(x)-m)**2 for x in xs)/(n-1)
    sd=(D(v.numerator)/D(v.denominator)).sqrt(); t=tq("0.975", n-1); hw=t*sd/D(n).sqrt(); md=D(m.numerator)/D(m.denominator)
    j = 1 - Fr(3, 4*(n-1)-1)
    return dict(n=n, mean=float(md), sd=float(sd), lower=float(md-hw), upper=float(md+hw), hw=float(hw), dzc=float(md/sd*D(j.numerator)/D(j.denominator)))
a=[-18,-12,-25,-9,-20,-14,-16]; b=[-5,-11,2,-8,-3,-15,0,-6,-9,-1,-4]
print("rain", ci(a))
print("fire", ci(b[:6]))
print("overall", ci(a+b))
xs = a + b
m = sum(Fr(x) for x in xs) / len(xs)
r1 = sum((Fr(xs[i]) - m) * (Fr(xs[i + 1]) - m) for i in range(len(xs) - 1)) / sum((Fr(x) - m) ** 2 for x in xs)
print("lag1 of all changes in order", r1, repr(float(r1)))
