#!/usr/bin/env python3
"""Reference values for SpecialFunctionsTest (org.vi4j.core.math).

Run from this directory:  python3 generate_special_functions_reference.py > special-functions-reference.csv
Requires mpmath (tested with 1.3.0). Every argument is written with repr(), so it is the exact
double the test passes in; mpmath then evaluates the function at that exact binary value with
60 significant digits and the result is printed with 30. Rows whose true value is subnormal are
left out (a relative-error check is meaningless there); a row whose true value rounds to 0 is kept
and checked for an exact 0 (see the test).
"""
import math
import mpmath as mp

mp.mp.dps = 60
INF = mp.inf


def fmt(v):
    if v == INF:
        return "Infinity"
    if v == -INF:
        return "-Infinity"
    return mp.nstr(mp.mpf(v), 30)


def lgamma(x):
    x = mp.mpf(x)
    if x > 0:
        return mp.loggamma(x)
    return mp.log(abs(mp.gamma(x)))


def ncdf(x):
    return mp.ncdf(mp.mpf(x))


def log_ncdf(x):
    x = mp.mpf(x)
    if x > 0:
        return mp.log1p(-mp.ncdf(-x))
    return mp.log(mp.ncdf(x))


def inv_ncdf(p):
    p = mp.mpf(p)
    if p == mp.mpf(0.5):
        return mp.mpf(0)
    if p < 0.5:
        target, sign, q = mp.log(p), 1, p
    else:
        target, sign, q = mp.log(1 - p), -1, 1 - p
    # Newton on log Phi(-|x|) = log q, started from the tail asymptote.
    x = -mp.sqrt(-2 * mp.log(q)) if q < 0.3 else mp.mpf(-0.5)
    for _ in range(200):
        f = mp.log(mp.ncdf(x)) - target
        df = mp.npdf(x) / mp.ncdf(x)
        step = f / df
        x -= step
        if abs(step) < mp.mpf(10) ** (-55) * max(1, abs(x)):
            break
    return -x if sign < 0 else x


def log1pexp(x):
    return mp.log1p(mp.exp(mp.mpf(x)))


def log1mexp(x):
    x = mp.mpf(x)
    return mp.log(-mp.expm1(-x)) if x < 1 else mp.log1p(-mp.exp(-x))


def lse2(a, b):
    return mp.log(mp.exp(mp.mpf(a)) + mp.exp(mp.mpf(b)))


FUNCS = {
    "lgamma": (lgamma, [
        1e-300, 1e-100, 1e-10, 1e-5, 0.1, 0.5, 0.9, 0.999999, 1 - 2.0**-30, 1 + 2.0**-30,
        1.000001, 1.01, 1.1, 1.4616321449683622, 1.5, 1.9, 1.99, 1.999999, 2.000001, 2.01,
        2.5, 3.0, 3.7, 5.5, 7.9, 8.1, 10.0, 12.5, 33.3, 100.0, 171.7, 1000.5, 1e5, 1e10, 1e15,
        1e100, 1e300, -0.1, -0.5, -1.5, -2.5, -10.3, -100.7]),
    "digamma": (lambda x: mp.digamma(mp.mpf(x)), [
        1e-300, 1e-10, 1e-5, 0.1, 0.5, 0.9, 1.0, 1.2, 1.4, 1.46,
        math.nextafter(1.4616321449683622, 0), 1.4616321449683622, 1.4616321449683623,
        math.nextafter(1.4616321449683623, 2), 1.4616321449683622 + 1e-9, 1.47, 1.5, 1.7, 1.8,
        2.0, 2.5, 3.7, 5.0, 9.99, 10.0, 10.01, 30.0, 100.0, 1e4, 1e8, 1e15, 1e300,
        -0.5, -1.5, -2.3, -10.1, -100.3]),
    "trigamma": (lambda x: mp.psi(1, mp.mpf(x)), [
        1e-150, 1e-10, 1e-3, 0.1, 0.5, 1.0, 1.4616321449683622, 1.5, 2.0, 3.7, 5.9, 6.1, 9.9,
        10.0, 10.1, 30.0, 100.0, 1e4, 1e8, 1e15, 1e200, -0.5, -1.5, -2.3, -10.1, -100.3]),
    "log1pexp": (log1pexp, [
        -800.0, -700.0, -40.0, -37.0, -36.9, -20.0, -5.0, -1.0, -1e-10, 0.0, 1e-10, 1.0, 5.0,
        18.0, 18.1, 20.0, 33.2, 33.4, 40.0, 100.0, 800.0]),
    "log1mexp": (log1mexp, [
        1e-300, 1e-20, 1e-10, 1e-5, 0.1, 0.5, 0.6931471805599453, 0.6931471805599454, 0.7, 1.0,
        5.0, 20.0, 37.0, 40.0, 100.0, 700.0, 800.0]),
    "erf": (lambda x: mp.erf(mp.mpf(x)), [
        -40.0, -6.0, -3.0, -1.0, -0.5, -1e-10, 0.0, 1e-300, 1e-10, 0.01, 0.1, 0.5, 0.8, 1.0, 2.0,
        3.0, 5.0, 6.0, 10.0, 40.0]),
    "erfc": (lambda x: mp.erfc(mp.mpf(x)), [
        -40.0, -10.0, -1.0, -0.5, 0.0, 1e-10, 0.1, 0.47, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0,
        26.0, 26.5, 40.0]),
    "normalCdf": (ncdf, [
        -40.0, -37.0, -30.0, -20.0, -10.0, -5.0, -3.0, -1.0, -1e-10, 0.0, 1e-10, 1.0, 3.0, 5.0,
        8.3, 10.0, 40.0]),
    "logNormalCdf": (log_ncdf, [
        -1e10, -1e5, -1e3, -40.0, -38.5, -37.0, -30.0, -20.0, -10.0, -6.0, -5.0, -4.0,
        -3.0, -2.0, -1.0, -0.5, -1e-10, 0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 10.0, 20.0, 37.0,
        40.0]),
    "inverseNormalCdf": (inv_ncdf, [
        1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5 - 1e-10, 0.5,
        0.5 + 1e-10, 0.7, 0.9, 0.975, 0.999, 1 - 1e-6, 1 - 1e-12, 1 - 2.0**-53]),
    "logSumExp": (lse2, [
        (0.0, 0.0), (1.0, 2.0), (-1000.0, -1000.0), (1000.0, 999.0), (-5.0, 30.0),
        (0.0, -40.0), (700.0, 700.0)]),
    "regularizedGammaP": (lambda a, x: mp.gammainc(mp.mpf(a), 0, mp.mpf(x), regularized=True), [
        (0.1, 0.01), (0.1, 1.0), (0.5, 0.5), (0.5, 30.0), (1.0, 1e-10), (1.0, 1.0), (3.7, 2.0),
        (3.7, 10.0), (10.0, 3.0), (10.0, 10.0), (10.0, 30.0), (100.0, 90.0), (100.0, 100.0),
        (100.0, 110.0), (1e4, 9800.0), (1e4, 1e4), (5.0, 1e-5), (1e-3, 0.5)]),
    "regularizedGammaQ": (lambda a, x: mp.gammainc(mp.mpf(a), mp.mpf(x), INF, regularized=True), [
        (0.1, 0.01), (0.1, 1.0), (0.5, 0.5), (0.5, 30.0), (1.0, 1e-10), (1.0, 1.0), (3.7, 2.0),
        (3.7, 10.0), (10.0, 3.0), (10.0, 10.0), (10.0, 30.0), (100.0, 90.0), (100.0, 100.0),
        (100.0, 110.0), (1e4, 1e4), (1e4, 1.02e4), (5.0, 1e-5), (1e-3, 0.5)]),
    "regularizedBeta": (lambda x, a, b: mp.betainc(mp.mpf(a), mp.mpf(b), 0, mp.mpf(x), regularized=True), [
        (0.5, 0.5, 0.5), (0.1, 0.5, 0.5), (0.3, 2.0, 5.0), (0.9, 2.0, 5.0), (1e-5, 2.0, 5.0),
        (0.999, 2.0, 5.0), (0.5, 100.0, 100.0), (0.4, 100.0, 120.0), (0.01, 0.1, 10.0),
        (0.5, 1e-3, 1e-3), (0.2, 30.0, 3.0), (0.7, 1.0, 1.0), (1e-3, 0.5, 0.5)]),
    "logBeta": (lambda a, b: mp.log(mp.beta(mp.mpf(a), mp.mpf(b))), [
        (0.5, 0.5), (2.0, 5.0), (1e-10, 1.0), (1.5, 1.5), (2.0, 1.0), (100.0, 100.0),
        (1e5, 0.5), (1e10, 1e10), (0.1, 1e6), (3.7, 1e-3), (20.0, 30.0)]),
}

print("# function,arguments...,expected  (generated by generate_special_functions_reference.py, mpmath %s, dps %d)"
      % (mp.__version__, mp.mp.dps))
for name, (f, args) in FUNCS.items():
    for arg in args:
        arg = arg if isinstance(arg, tuple) else (arg,)
        v = f(*arg)
        if v != 0 and abs(v) < mp.mpf(2.2250738585072014e-308) and abs(v) > mp.mpf(2) ** -1075:
            continue  # subnormal result: skipped, see the docstring
        print(",".join([name] + [repr(float(a)) for a in arg] + [fmt(v)]))
