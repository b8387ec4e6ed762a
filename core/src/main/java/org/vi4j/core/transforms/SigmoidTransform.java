package org.vi4j.core.transforms;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;

/**
 * T(u) = σ(u) = 1/(1 + e⁻ᵘ) element-wise, from ℝ onto (0, 1) ({@link Support#UNIT_INTERVAL}).
 *
 * <p>log|T'(u)| = log σ(u) + log(1 − σ(u)) = −softplus(−u) − softplus(u), formed with softplus so
 * it stays finite for large |u|; T⁻¹(z) = log z − log(1 − z) (the logit).
 */
public final class SigmoidTransform implements Transform {

  @Override
  public Support support() {
    return Support.UNIT_INTERVAL;
  }

  @Override
  public boolean elementWise() {
    return true;
  }

  /** σ(u). */
  @Override
  public Tensor forward(Tensor u) {
    return u.sigmoid();
  }

  /** logit(z) = log z − log1p(−z); z must lie in (0, 1). */
  @Override
  public Tensor inverse(Tensor z) {
    double[] in = z.value().data;
    double[] out = new double[z.size()];
    for (int k = 0; k < out.length; k++) {
      Checks.require(in[k] > 0 && in[k] < 1, "SigmoidTransform", z, k, "values in (0, 1)");
      out[k] = Math.log(in[k]) - Math.log1p(-in[k]);
    }
    return Tensor.of(ExpTransform.reshape(out, z.rows(), z.cols()));
  }

  /** −softplus(−u) − softplus(u), one per element. */
  @Override
  public Tensor logAbsDetJacobian(Tensor u) {
    return u.neg().softplus().add(u.softplus()).neg();
  }

  @Override
  public String toString() {
    return "SigmoidTransform";
  }
}
