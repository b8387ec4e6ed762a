package org.vi4j.core.transforms;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;

/**
 * T(u) = eᵘ element-wise, from ℝ onto (0, ∞) ({@link Support#POSITIVE}).
 *
 * <p>log|T'(u)| = u; T⁻¹(z) = log z.
 */
public final class ExpTransform implements Transform {

  @Override
  public Support support() {
    return Support.POSITIVE;
  }

  @Override
  public boolean elementWise() {
    return true;
  }

  /** eᵘ. */
  @Override
  public Tensor forward(Tensor u) {
    return u.exp();
  }

  /** log z; z must be finite and &gt; 0. */
  @Override
  public Tensor inverse(Tensor z) {
    double[] in = z.value().data;
    double[] out = new double[z.size()];
    for (int k = 0; k < out.length; k++) {
      Checks.require(in[k] > 0 && in[k] < Double.POSITIVE_INFINITY, "ExpTransform", z, k,
          "finite values > 0");
      out[k] = Math.log(in[k]);
    }
    return Tensor.of(reshape(out, z.rows(), z.cols()));
  }

  /** log|d eᵘ/du| = u (the input itself, one per element). */
  @Override
  public Tensor logAbsDetJacobian(Tensor u) {
    return u;
  }

  /** Row-major values as rows of a 2-D array. */
  static double[][] reshape(double[] v, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(v, i * cols, m[i], 0, cols);
    }
    return m;
  }

  @Override
  public String toString() {
    return "ExpTransform";
  }
}
