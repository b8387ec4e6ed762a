package org.vi4j.core.autodiff;

import org.vi4j.core.math.SpecialFunctions;

/**
 * The implicit reparameterisation gradient of a Gamma(a, 1) draw (Figurnov, Mohamed and Mnih,
 * "Implicit Reparameterization Gradients", NeurIPS 2018): holding the draw's CDF value u = P(a, x)
 * fixed, dx/da = −(∂P(a, x)/∂a) / p(x; a).
 *
 * <p>With the series P(a, x) = x<sup>a</sup> e<sup>−x</sup> / Γ(a + 1) · S, S = Σ<sub>n≥0</sub>
 * t<sub>n</sub>, t<sub>0</sub> = 1, t<sub>n</sub> = t<sub>n−1</sub> x / (a + n), the prefactor divided
 * by the density p(x; a) = x<sup>a−1</sup> e<sup>−x</sup> / Γ(a) is exactly x / a, so
 * <pre>
 *   dx/da = −(x / a) · ( S·(log x − ψ(a + 1)) + D ),   D = Σ t<sub>n</sub> c<sub>n</sub>,
 *   c<sub>n</sub> = −Σ<sub>k=1..n</sub> 1/(a + k)  (= ∂ log t<sub>n</sub> / ∂a)
 * </pre>
 * with no exponential to under- or overflow. All terms are positive; the series needs about
 * max(0, x − a) + 9√(a + x) terms. Where it would overflow (x far above a, beyond any practical draw)
 * the derivative of Q is taken by central differences of Commons' regularized gamma instead.
 */
final class GammaImplicit {

  private GammaImplicit() {}

  /** dx/da for x ~ Gamma(a, 1) at fixed CDF value; 0 for x = 0 (a draw that underflowed). */
  static double dxda(double x, double a) {
    if (!(x > 0)) {
      return 0.0;
    }
    double t = 1.0;
    double s = 1.0;
    double c = 0.0;
    double d = 0.0;
    for (int n = 1; n < 1_000_000; n++) {
      double an = a + n;
      t *= x / an;
      c -= 1.0 / an;
      s += t;
      d += t * c;
      if (t <= 1e-17 * s && n > x - a) {
        break;
      }
    }
    if (Double.isFinite(s) && Double.isFinite(d)) {
      return -(x / a) * (s * (Math.log(x) - SpecialFunctions.digamma(a + 1.0)) + d);
    }
    // Far upper tail: dP/da = −dQ/da, by central differences of Q (relative step 1e-5).
    double h = 1e-5 * a;
    double dq = (SpecialFunctions.regularizedGammaQ(a + h, x)
        - SpecialFunctions.regularizedGammaQ(a - h, x)) / (2 * h);
    double logp = -x + (a - 1) * Math.log(x) - SpecialFunctions.lgamma(a);
    return dq / Math.exp(logp);
  }
}
