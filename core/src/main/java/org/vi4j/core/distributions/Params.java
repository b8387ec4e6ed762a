package org.vi4j.core.distributions;

import java.util.function.DoublePredicate;
import org.vi4j.core.autodiff.Ops;
import org.vi4j.core.autodiff.Tensor;

/** Validation and shape helpers shared by the distributions. */
final class Params {

  private Params() {}

  /** Every element must be > 0 (NaN fails). */
  static Tensor positive(String dist, String param, Tensor t) {
    double[] d = t.value().data;
    for (int k = 0, n = t.size(); k < n; k++) {
      if (!(d[k] > 0) || d[k] == Double.POSITIVE_INFINITY) {
        throw new DistributionException(dist + ": " + param + " must be finite and > 0, but element ("
            + k / t.cols() + ", " + k % t.cols() + ") is " + d[k]);
      }
    }
    return t;
  }

  /** Every element must be finite. */
  static Tensor finite(String dist, String param, Tensor t) {
    double[] d = t.value().data;
    for (int k = 0, n = t.size(); k < n; k++) {
      if (!Double.isFinite(d[k])) {
        throw new DistributionException(dist + ": " + param + " must be finite, but element ("
            + k / t.cols() + ", " + k % t.cols() + ") is " + d[k]);
      }
    }
    return t;
  }

  /** Every element must lie strictly inside (lo, hi) (NaN fails). */
  static Tensor openInterval(String dist, String param, Tensor t, double lo, double hi) {
    double[] d = t.value().data;
    for (int k = 0, n = t.size(); k < n; k++) {
      if (!(d[k] > lo && d[k] < hi)) {
        throw new DistributionException(dist + ": " + param + " must be in (" + lo + ", " + hi
            + "), but element (" + k / t.cols() + ", " + k % t.cols() + ") is " + d[k]);
      }
    }
    return t;
  }

  /** The broadcast of two parameter dimensions, or an error naming the distribution. */
  static int broadcast(String dist, String what, int a, int b) {
    if (a == b || b == 1) {
      return a;
    }
    if (a == 1) {
      return b;
    }
    throw new DistributionException(dist + ": parameter " + what + " do not broadcast (" + a + " vs "
        + b + ")");
  }

  /**
   * {@code p} with {@code rows} rows: itself when it has 1 row or already {@code rows}, else repeated
   * particle-major when {@code rows} is a multiple of its rows.
   */
  static Tensor expandRows(String dist, Tensor p, int rows) {
    if (p.rows() == rows || p.rows() == 1) {
      return p;
    }
    if (rows % p.rows() != 0) {
      throw new IllegalArgumentException(dist + ": values have " + rows + " rows, which is not a "
          + "multiple of the parameters' " + p.rows() + " rows");
    }
    return Ops.repeatRows(p, rows / p.rows());
  }

  /** {@code p} broadcast to rows x cols (a differentiable copy when the shape differs). */
  static Tensor broadcastTo(Tensor p, int rows, int cols) {
    if (p.rows() == rows && p.cols() == cols) {
      return p;
    }
    return p.add(p.newConstant(rows, cols));
  }

  static void checkParticles(String dist, int particles) {
    if (particles <= 0) {
      throw new IllegalArgumentException(dist + ": particles must be positive, got " + particles);
    }
  }

  /**
   * Sets {@code lp} to −∞ wherever the (broadcast) value of {@code x} is {@code outside} the support.
   * Only the value changes: call it on the output of an op whose backward does not read its own
   * output (add, sub, mul), and no estimator differentiates at −∞ anyway. NaN values are left alone
   * (the predicate should be false for NaN, so that NaN data stays visible as NaN). Modified: lp.
   */
  static Tensor maskOutside(Tensor lp, Tensor x, DoublePredicate outside) {
    double[] xv = x.value().data;
    double[] out = lp.value().data;
    int xr = x.rows();
    int xc = x.cols();
    for (int i = 0, c = lp.cols(); i < lp.rows(); i++) {
      for (int j = 0; j < c; j++) {
        if (outside.test(xv[(xr == 1 ? 0 : i) * xc + (xc == 1 ? 0 : j)])) {
          out[i * c + j] = Double.NEGATIVE_INFINITY;
        }
      }
    }
    return lp;
  }

  /**
   * c · log x at x = 0 with the limit convention 0 · log 0 = 0: −∞ for c &gt; 0, 0 for c = 0, +∞ for
   * c &lt; 0 (the density's value at a support edge such as Gamma's x = 0 for shape 1).
   */
  static double xlogyAtZero(double c) {
    return c > 0 ? Double.NEGATIVE_INFINITY : c < 0 ? Double.POSITIVE_INFINITY : c == 0 ? 0.0 : c;
  }

  /** The element of {@code t} that broadcasts to position (i, j) of an output. */
  static double at(Tensor t, int i, int j) {
    return t.value().data[(t.rows() == 1 ? 0 : i) * t.cols() + (t.cols() == 1 ? 0 : j)];
  }
}
