"""Taylor coefficients in v = ln(x/a) of G_k(v), where dx/da ~ sum_k G_k(v) a^-k for x ~ Gamma(a)
at fixed CDF value.  G_0 = v e^v/(e^v - 1);  G_{k+1} = (G_k' - G_k + d_k e^v)/(e^v - 1),
a(ln a - psi(a)) = sum_k d_k a^-k  (d_0 = 1/2, d_{2n-1} = B_{2n}/(2n), others 0).  Exact rationals."""
from fractions import Fraction as F
from math import factorial
import sys
from sympy import bernoulli
N, K = int(sys.argv[1]), int(sys.argv[2])
M = N + 2 * K + 4
E = [F(1, factorial(n)) for n in range(M)]
S = [F(1, factorial(n + 1)) for n in range(M)]
def mul(p, q):
    r = [F(0)] * M
    for i, pi in enumerate(p):
        if pi:
            for j in range(M - i):
                r[i + j] += pi * q[j]
    return r
def inv(p):
    r = [F(0)] * M
    r[0] = 1 / p[0]
    for n in range(1, M):
        r[n] = -sum(p[j] * r[n - j] for j in range(1, n + 1)) * r[0]
    return r
IS = inv(S)
def d(k):
    if k == 0: return F(1, 2)
    if k % 2: 
        b = bernoulli(k + 1); return F(int(b.p), int(b.q)) / (k + 1)
    return F(0)
Gs = [mul(E, IS)]
for k in range(K):
    g = Gs[-1]
    num = [(j + 1) * g[j + 1] - g[j] + d(k) * E[j] for j in range(M - 1)] + [F(0)]
    assert num[0] == 0, k
    Gs.append(mul(num[1:] + [F(0)], IS))
    Gs[-1][M - 2 * (k + 1) - 2:] = [F(0)] * (2 * (k + 1) + 2)
with open(sys.argv[3], 'w') as f:
    for k in range(K + 1):
        f.write(' '.join(repr(float(Gs[k][j])) for j in range(N)) + '\n')
