package org.vi4j.guides.internal;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/** Small numeric helpers for guides. */
public final class GuideMath {

  /** log √(2π). */
  public static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private GuideMath() {}

  /**
   * softplus⁻¹(s) = log(eˢ − 1), the raw parameter that gives scale s; accurate for small s
   * (log(expm1 s)) and for large s (s + log(1 − e⁻ˢ)).
   *
   * @throws IllegalArgumentException unless s is finite and &gt; 0
   */
  public static double inverseSoftplus(double s) {
    if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("inverseSoftplus: the scale must be finite and > 0, got " + s);
    }
    return s > 20 ? s + Math.log1p(-Math.exp(-s)) : Math.log(Math.expm1(s));
  }

  /** softplus(x) = log(1 + eˣ) on doubles, stable for large |x|. */
  public static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /**
   * A rows x cols tensor of independent N(0, 1) draws: a constant from the tape pool of
   * {@code like} when it is recorded (no allocation in the steady state), else a fresh one.
   *
   * @param like a tensor on the tape to draw the buffer from (a guide parameter). Not modified.
   * @param rng the randomness. Modified (advanced).
   */
  public static Tensor standardNormal(Tensor like, int rows, int cols, Rng rng) {
    Tensor eps = like.newConstant(rows, cols);
    double[] e = eps.value().data;
    for (int k = 0, n = rows * cols; k < n; k++) {
      e[k] = rng.nextGaussian();
    }
    return eps;
  }

  /** Checks a finite number, naming the guide and option. */
  public static double finite(String guide, String what, double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("Guide '" + guide + "': " + what + " must be finite, got " + x);
    }
    return x;
  }

  /** Checks a finite number &gt; 0 (NaN fails), naming the guide and option. */
  public static double positive(String guide, String what, double x) {
    if (!(x > 0 && x < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("Guide '" + guide + "': " + what
          + " must be finite and > 0, got " + x);
    }
    return x;
  }
}
