package org.vi4j.core.autodiff;

import org.vi4j.core.math.SpecialFunctions;

/**
 * The implicit reparameterisation gradient of a Gamma(a, 1) draw (Figurnov, Mohamed and Mnih,
 * "Implicit Reparameterization Gradients", NeurIPS 2018): holding the draw's CDF value u = P(a, x)
 * fixed, dx/da = −(∂P(a, x)/∂a) / p(x; a).
 *
 * <h2>Exact series and continued fraction (reference, small shapes, tails)</h2>
 * With the series P(a, x) = x<sup>a</sup> e<sup>−x</sup> / Γ(a + 1) · S, S = Σ<sub>n≥0</sub>
 * t<sub>n</sub>, t<sub>0</sub> = 1, t<sub>n</sub> = t<sub>n−1</sub> x / (a + n), the prefactor divided
 * by the density p(x; a) = x<sup>a−1</sup> e<sup>−x</sup> / Γ(a) is exactly x / a, so
 * <pre>
 *   dx/da = −(x / a) · ( S·(log x − ψ(a + 1)) + D ),   D = Σ t<sub>n</sub> c<sub>n</sub>,
 *   c<sub>n</sub> = −Σ<sub>k=1..n</sub> 1/(a + k)  (= ∂ log t<sub>n</sub> / ∂a)
 * </pre>
 * with no exponential to under- or overflow. All terms are positive; the series needs about
 * 9√(a + x) terms (1–3 µs for moderate and large a). Above x = a + max(1, 3√a) S grows like 1/Q and the
 * difference loses digits (relative error ≈ 10<sup>−16</sup>/Q), so there the derivative of
 * Legendre's continued fraction for Q is used instead ({@link #upperFraction}). See {@link #exact}.
 *
 * <h2>Large-shape expansion (a ≥ 6, central draws)</h2>
 * G(x) = dx/da = (1/p(x)) ∫<sub>x</sub><sup>∞</sup> p(t)(ln t − ψ(a)) dt solves the linear ODE
 * G' = (1 − (a − 1)/x) G − (ln x − ψ(a)). In v = ln(x/a) (λ = x/a = e<sup>v</sup>) it reads
 * <pre>
 *   dG/dv = a(λ − 1) G + G − a v − a(ln a − ψ(a)),
 * </pre>
 * whose solution that is bounded on both sides has the asymptotic expansion (uniform in v, as in
 * Temme's uniform expansion of Q(a, x), DLMF §8.12)
 * <pre>
 *   G ~ Σ<sub>k≥0</sub> G<sub>k</sub>(v) a<sup>−k</sup>,  G<sub>0</sub> = λ ln λ / (λ − 1),
 *   G<sub>k+1</sub> = (G<sub>k</sub>' − G<sub>k</sub> + d<sub>k</sub> λ) / (λ − 1),
 *   a(ln a − ψ(a)) ~ Σ d<sub>k</sub> a<sup>−k</sup> = 1/2 + 1/(12a) − 1/(120a³) + …
 * </pre>
 * Every G<sub>k</sub> is analytic in |v| &lt; 2π, so per shape the expansion is collapsed into one
 * Taylor polynomial b(v) = Σ<sub>j</sub> (Σ<sub>k</sub> G<sub>kj</sub> a<sup>−k</sup>)
 * v<sup>j</sup> ({@link GammaImplicitCoefficients}); a draw then costs one logarithm and a
 * polynomial of degree ≤ 39 (about 10 for a ≥ 1000). The polynomial is used for |v| ≤ min(2.5,
 * 6/√a), which holds the central ≈ 1 − 10<sup>−5</sup> (a near 6) to 1 − 10<sup>−9</sup> (a ≥ 30)
 * of the mass; other draws and a &lt; 6 take the exact series. Against the double-precision
 * reference the relative error is below 4·10<sup>−10</sup> over a ∈ [10<sup>−3</sup>, 10<sup>6</sup>]
 * and the central 1 − 10<sup>−12</sup> of the mass, the worst cases being at a ≳ 10<sup>5</sup>
 * where the reference series itself loses digits (see GammaImplicitAccuracyTest).
 */
final class GammaImplicit {

  /** Smallest shape for which the expansion is used. */
  static final double MIN_SHAPE = 6.0;

  private static final double V_CAP = 2.5;
  private static final double V_SCALE = 6.0;
  private static final double TWO_PI = 2 * Math.PI;
  /** Target truncation error of the Taylor polynomial and of the series in 1/a. */
  private static final double TOL = 1e-16;

  private GammaImplicit() {}

  /**
   * dx/da for x ~ Gamma(a, 1) at fixed CDF value; 0 for x = 0 (a draw that underflowed). For many
   * draws of one shape, reuse a {@link ShapeGradient} instead: this builds one per call.
   */
  static double dxda(double x, double a) {
    if (a >= MIN_SHAPE) {
      return new ShapeGradient().reset(a).dxda(x);
    }
    return exact(x, a);
  }

  /**
   * dx/da by the lower series for x ≤ a + max(1, 3√a) (Q ≳ 10<sup>−3</sup>; for a &lt; 6, x ≤ a + 12,
   * Q ≳ 10<sup>−6</sup>, where the fraction is slow) and the upper continued fraction beyond (reference and
   * fallback; see the class comment). 0 for x = 0.
   */
  static double exact(double x, double a) {
    return exact(x, a, Double.NaN);
  }

  /** {@link #exact(double, double)} with ψ(a + 1) given (NaN: computed here). */
  static double exact(double x, double a, double psiA1) {
    if (!(x > 0)) {
      return 0.0;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return x;
    }
    double excess = x - a;
    // The fraction converges slowly for small a: there keep the (cheaper) series up to Q ~ 1e-6.
    boolean upper = excess > 1 && excess * excess > 9 * a && (a >= MIN_SHAPE || excess > 12);
    if (Double.isNaN(psiA1)) {
      psiA1 = SpecialFunctions.digamma(a + 1.0);
    }
    return upper ? upperFraction(x, a, psiA1 - 1.0 / a) : lowerSeries(x, a, psiA1);
  }

  /** The series of P (class comment); well conditioned for x ≤ a + 1. */
  static double lowerSeries(double x, double a) {
    return lowerSeries(x, a, SpecialFunctions.digamma(a + 1.0));
  }

  /** The lower series with ψ(a + 1) given. */
  static double lowerSeries(double x, double a, double psiA1) {
    double t = 1.0;
    double s = 1.0;
    double c = 0.0;
    double d = 0.0;
    for (int n = 1; n < 10_000_000; n++) {
      double an = a + n;
      t *= x / an;
      c -= 1.0 / an;
      s += t;
      d += t * c;
      if (t <= 1e-17 * s && n > x - a) {
        break;
      }
    }
    return -(x / a) * (s * (Math.log(x) - psiA1) + d);
  }

  /**
   * The upper tail, by Legendre's continued fraction Q(a, x) = x<sup>a</sup> e<sup>−x</sup> / Γ(a)
   * · 1/T, T = b<sub>0</sub> + a<sub>1</sub>/(b<sub>1</sub> + a<sub>2</sub>/(b<sub>2</sub> + …)),
   * b<sub>n</sub> = x + 2n + 1 − a, a<sub>n</sub> = n(a − n) (DLMF 8.9.2), differentiated in a
   * along its convergents A<sub>n</sub>/B<sub>n</sub> (Moore, "Derivatives of the incomplete gamma
   * integral", Appl. Stat. 1982): since Q/p = x/T,
   * <pre>
   *   dx/da = (∂Q/∂a) / p = (x / T) · ( ln x − ψ(a) − ∂ ln T/∂a ),
   * </pre>
   * a sum of positive terms for x > a + 1 (ln x &gt; ψ(a), T decreasing in a): no cancellation,
   * unlike the series of P whose S grows like 1/Q.
   */
  static double upperFraction(double x, double a) {
    return upperFraction(x, a, SpecialFunctions.digamma(a));
  }

  /** The upper fraction with ψ(a) given. */
  static double upperFraction(double x, double a, double psiA) {
    // A_n = b_n A_{n-1} + a_n A_{n-2} (same for B), with a-derivatives dA, dB.
    double am2 = 1.0;
    double bm2 = 0.0;
    double dam2 = 0.0;
    double dbm2 = 0.0;
    double am1 = x + 1.0 - a;
    double bm1 = 1.0;
    double dam1 = -1.0;
    double dbm1 = 0.0;
    double t = am1 / bm1;
    double dlogt = dam1 / am1 - dbm1 / bm1;
    double logRatio = Math.log(x) - psiA;
    double scale = Math.abs(logRatio);
    for (int n = 1; n < 1_000_000; n++) {
      double bn = x + 2 * n + 1.0 - a;
      double an = n * (a - n);
      double ac = bn * am1 + an * am2;
      double bc = bn * bm1 + an * bm2;
      double dac = -am1 + bn * dam1 + n * am2 + an * dam2;
      double dbc = -bm1 + bn * dbm1 + n * bm2 + an * dbm2;
      // rescale by the newest B (all ratios are invariant)
      double r = 1.0 / bc;
      am2 = am1 * r;
      bm2 = bm1 * r;
      dam2 = dam1 * r;
      dbm2 = dbm1 * r;
      am1 = ac * r;
      bm1 = 1.0;
      dam1 = dac * r;
      dbm1 = dbc * r;
      double tn = am1;
      double dn = dam1 / am1 - dbm1;
      boolean done = Math.abs(tn - t) <= 1e-15 * Math.abs(tn)
          && Math.abs(dn - dlogt) <= 1e-15 * (Math.abs(dn) + scale);
      t = tn;
      dlogt = dn;
      if (done) {
        break;
      }
    }
    return (x / t) * (logRatio - dlogt);
  }

  /**
   * dx/da for many draws of one shape: {@link #reset} does the per-shape work (collapsing the
   * expansion in 1/a into one Taylor polynomial in v = ln(x/a), ≈ 0.1–0.5 µs), after which {@link
   * #dxda} costs one logarithm and a short polynomial. Reusable across shapes; not thread-safe.
   */
  static final class ShapeGradient {

    private static final int HALF = (GammaImplicitCoefficients.DEGREES + 1) / 2;

    /** Coefficients of v<sup>2i</sup> and v<sup>2i+1</sup> (Horner in v², two short chains). */
    private final double[] even = new double[HALF];
    private final double[] odd = new double[HALF];
    private final double[] b = new double[GammaImplicitCoefficients.DEGREES];
    private int evenCount;
    private int oddCount;
    private double a = Double.NaN;
    /** ψ(a + 1), once per shape, for the exact fallback (ψ(a) = ψ(a + 1) − 1/a). */
    private double psiA1;
    private double invA;
    private double vLimit;
    private boolean fast;

    /** Prepares for shape a (any value; a &lt; 6 or non-finite a use the exact series). */
    ShapeGradient reset(double a) {
      if (a == this.a) {
        return this;
      }
      this.a = a;
      psiA1 = a > 0 ? SpecialFunctions.digamma(a + 1.0) : Double.NaN;
      fast = a >= MIN_SHAPE && a < Double.POSITIVE_INFINITY;
      if (!fast) {
        return this;
      }
      invA = 1.0 / a;
      vLimit = Math.min(V_CAP, V_SCALE / Math.sqrt(a));
      // |G_kj| ≲ c (2π)^−j: truncate where (vLimit / 2π)^J < TOL.
      int degree = (int) Math.ceil(Math.log(TOL) / Math.log(vLimit / TWO_PI));
      degree = Math.max(4, Math.min(GammaImplicitCoefficients.DEGREES, degree));
      for (int j = 0; j < degree; j++) {
        b[j] = GammaImplicitCoefficients.coefficient(0, j);
      }
      // Add orders a^-k until the order's bound on |v| ≤ vLimit is negligible (asymptotic series:
      // for a ≥ 6 the terms keep decreasing through the tabulated orders).
      double ak = 1.0;
      for (int k = 1; k < GammaImplicitCoefficients.ORDERS; k++) {
        ak *= invA;
        double bound = 0.0;
        double vj = 1.0;
        for (int j = 0; j < degree; j++) {
          double term = GammaImplicitCoefficients.coefficient(k, j) * ak;
          b[j] += term;
          bound += Math.abs(term) * vj;
          vj *= vLimit;
        }
        if (bound < TOL) {
          break;
        }
      }
      evenCount = (degree + 1) / 2;
      oddCount = degree / 2;
      for (int i = 0; i < evenCount; i++) {
        even[i] = b[2 * i];
      }
      for (int i = 0; i < oddCount; i++) {
        odd[i] = b[2 * i + 1];
      }
      return this;
    }

    /** dx/da at the draw x of the current shape; 0 for x = 0. */
    double dxda(double x) {
      if (fast) {
        double v = Math.log(x * invA);
        if (Math.abs(v) <= vLimit) {
          double w = v * v;
          double e = even[evenCount - 1];
          for (int i = evenCount - 2; i >= 0; i--) {
            e = e * w + even[i];
          }
          double o = odd[oddCount - 1];
          for (int i = oddCount - 2; i >= 0; i--) {
            o = o * w + odd[i];
          }
          return e + v * o;
        }
      }
      return exact(x, a, psiA1);
    }
  }
}
