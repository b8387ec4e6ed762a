package org.vi4j.core.transforms;

import org.vi4j.core.autodiff.Ops;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;

/**
 * The stick-breaking bijection from ℝ^{K−1} onto the interior of the K-simplex
 * ({@link Support#SIMPLEX}), row by row, as in Stan and PyTorch's {@code StickBreakingTransform}.
 *
 * <p>For a row u (K − 1 values, k = 1 … K − 1):
 * <pre>
 *   z_k = σ(u_k − log(K − k))                    (the offset maps u = 0 to the centre 1/K)
 *   x_k = z_k · Π_{j&lt;k} (1 − z_j),   k &lt; K
 *   x_K = Π_{j&lt;K} (1 − z_j)
 *   log|det J| = Σ_{k&lt;K} [ log(1 − z_k) + log x_k ]
 *             = Σ_{k&lt;K} [ log z_k + log(1 − z_k) + Σ_{j&lt;k} log(1 − z_j) ]
 * </pre>
 * where J = ∂(x_1 … x_{K−1})/∂u is the Jacobian onto the first K − 1 coordinates (x_K is fixed by
 * them), lower triangular with diagonal z_k(1 − z_k)·Π_{j&lt;k}(1 − z_j). Everything is formed in log
 * space (log z = −softplus(−u'), log(1 − z) = −softplus(u')), then x = exp(log x), so it neither
 * underflows to log 0 nor loses the small sticks.
 *
 * <p><strong>Cost.</strong> The running sums Σ_{j&lt;k} log(1 − z_j) are a product with a constant
 * (K − 1) x K strictly-upper-triangular matrix of ones: O(r·K²) per call, fine for the topic and
 * mixture weights vi4j's models use (K up to a few hundred). A cumulative-sum op in
 * {@link Ops} would make it O(r·K).
 *
 * <p>T⁻¹(x): z_k = x_k / Σ_{j≥k} x_j, u_k = logit(z_k) + log(K − k) = log x_k − log Σ_{j&gt;k} x_j
 * + log(K − k).
 */
public final class StickBreakingTransform implements Transform {

  /** Relative tolerance of the inverse's check that a row sums to one. */
  static final double SUM_TOLERANCE = 1e-8;

  @Override
  public Support support() {
    return Support.SIMPLEX;
  }

  @Override
  public boolean elementWise() {
    return false;
  }

  /** K = n + 1. */
  @Override
  public int constrainedSize(int unconstrainedSize) {
    return unconstrainedSize + 1;
  }

  /** n = K − 1; K must be at least 2. */
  @Override
  public int unconstrainedSize(int constrainedSize) {
    if (constrainedSize < 2) {
      throw new IllegalArgumentException("StickBreakingTransform: a simplex needs at least 2 "
          + "coordinates, got " + constrainedSize);
    }
    return constrainedSize - 1;
  }

  /** The K-simplex point of each row of u (r x (K − 1) → r x K). */
  @Override
  public Tensor forward(Tensor u) {
    return pushforward(u).value();
  }

  /** log|det J| per row, r x 1 (J onto the first K − 1 coordinates, see the class javadoc). */
  @Override
  public Tensor logAbsDetJacobian(Tensor u) {
    return pushforward(u).logAbsDetJacobian();
  }

  /** T(u) and log|det J| from one pass over the shared intermediate values. */
  @Override
  public Pushforward pushforward(Tensor u) {
    int r = u.rows();
    int n = u.cols();
    int k = n + 1;
    // u' = u − log(K − k), k = 1 … K − 1 (0-based j: log(K − 1 − j)).
    Tensor offset = u.newConstant(1, n);
    double[] off = offset.value().data;
    for (int j = 0; j < n; j++) {
      off[j] = Math.log(k - 1 - j);
    }
    Tensor shifted = u.sub(offset);
    Tensor logZ = shifted.neg().softplus().neg();          // log σ(u')
    Tensor log1mZ = shifted.softplus().neg();              // log(1 − σ(u'))
    // remaining_k = Σ_{j<k} log(1 − z_j) for k = 0 … K − 1 (column K − 1 sums all of them).
    Tensor upper = u.newConstant(n, k);
    double[] m = upper.value().data;
    for (int j = 0; j < n; j++) {
      for (int c = j + 1; c < k; c++) {
        m[j * k + c] = 1.0;
      }
    }
    Tensor remaining = log1mZ.matmul(upper);
    Tensor logX = Ops.concatColumns(logZ, u.newConstant(r, 1)).add(remaining);
    Tensor x = logX.exp();
    Tensor ladj = log1mZ.sumRows().add(logX.slice(0, r, 0, n).sumRows());
    return new Pushforward(x, ladj);
  }

  /**
   * The unconstrained point of each simplex row: every value finite and &gt; 0, each row summing to
   * one within a relative {@value #SUM_TOLERANCE}.
   */
  @Override
  public Tensor inverse(Tensor x) {
    int r = x.rows();
    int k = x.cols();
    int n = unconstrainedSize(k);
    double[] in = x.value().data;
    double[][] out = new double[r][n];
    for (int i = 0; i < r; i++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        int idx = i * k + c;
        Checks.require(in[idx] > 0 && in[idx] < Double.POSITIVE_INFINITY, "StickBreakingTransform",
            x, idx, "rows of finite values > 0 summing to 1");
        sum += in[idx];
      }
      if (!(Math.abs(sum - 1.0) <= SUM_TOLERANCE)) {
        throw new IllegalArgumentException("StickBreakingTransform.inverse: row " + i + " sums to "
            + sum + ", not 1 (tolerance " + SUM_TOLERANCE + "); accepted: rows of finite values > 0 "
            + "summing to 1");
      }
      // With the tail sums t_j = Σ_{c≥j} x_c: z_j = x_j / t_j and 1 − z_j = t_{j+1} / t_j, so
      // logit(z_j) = log x_j − log t_{j+1}, free of the cancellation in 1 − Σ_{c<j} x_c.
      double tail = in[i * k + n];
      for (int j = n - 1; j >= 0; j--) {
        double xj = in[i * k + j];
        out[i][j] = Math.log(xj) - Math.log(tail) + Math.log(k - 1 - j);
        tail += xj;
      }
    }
    return Tensor.of(out);
  }

  @Override
  public String toString() {
    return "StickBreakingTransform";
  }
}
