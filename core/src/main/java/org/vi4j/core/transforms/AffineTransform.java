package org.vi4j.core.transforms;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;

/**
 * T(u) = loc + scale·u element-wise, a bijection of ℝ ({@link Support#REAL}) for any finite
 * scale ≠ 0. {@link #identity()} is the transform of REAL latents.
 *
 * <p>log|T'(u)| = log|scale|; T⁻¹(z) = (z − loc)/scale.
 *
 * @param loc the shift, finite
 * @param scale the factor, finite and ≠ 0 (negative flips the line)
 */
public record AffineTransform(double loc, double scale) implements Transform {

  /** Checks that loc is finite and scale is finite and non-zero. */
  public AffineTransform {
    if (!Double.isFinite(loc)) {
      throw new IllegalArgumentException("AffineTransform: loc must be finite, got " + loc);
    }
    if (!(Double.isFinite(scale) && scale != 0)) {
      throw new IllegalArgumentException("AffineTransform: scale must be finite and non-zero, got "
          + scale);
    }
  }

  /** T(u) = u. */
  public static AffineTransform identity() {
    return new AffineTransform(0.0, 1.0);
  }

  @Override
  public Support support() {
    return Support.REAL;
  }

  @Override
  public boolean elementWise() {
    return true;
  }

  /** loc + scale·u (u itself for the identity, so no op is recorded). */
  @Override
  public Tensor forward(Tensor u) {
    if (loc == 0 && scale == 1) {
      return u;
    }
    return u.mul(scale).add(loc);
  }

  /** (z − loc)/scale; z must be finite. */
  @Override
  public Tensor inverse(Tensor z) {
    double[] in = z.value().data;
    double[] out = new double[z.size()];
    for (int k = 0; k < out.length; k++) {
      Checks.require(Double.isFinite(in[k]), "AffineTransform", z, k, "finite values");
      out[k] = (in[k] - loc) / scale;
    }
    return Tensor.of(ExpTransform.reshape(out, z.rows(), z.cols()));
  }

  /** log|scale| for every element: a constant (from u's tape pool when u is recorded). */
  @Override
  public Tensor logAbsDetJacobian(Tensor u) {
    Tensor c = u.newConstant(u.rows(), u.cols());
    java.util.Arrays.fill(c.value().data, 0, u.size(), Math.log(Math.abs(scale)));
    return c;
  }

  /** n·log|scale| per row: a constant. */
  @Override
  public Tensor logAbsDetJacobianRows(Tensor u) {
    Tensor c = u.newConstant(u.rows(), 1);
    java.util.Arrays.fill(c.value().data, 0, u.rows(), u.cols() * Math.log(Math.abs(scale)));
    return c;
  }
}
