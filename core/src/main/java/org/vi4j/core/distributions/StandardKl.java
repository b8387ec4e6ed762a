package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;

/**
 * The built-in closed-form KL divergences of {@link KlRegistry#standard()}. Each is KL(p ‖ q) per
 * element (or per row for row-wise distributions), differentiable in both distributions'
 * parameters.
 */
final class StandardKl {

  private StandardKl() {}

  static KlRegistry.Builder register(KlRegistry.Builder b) {
    return b
        .register(Normal.class, Normal.class, StandardKl::normalNormal)
        .register(Gamma.class, Gamma.class, StandardKl::gammaGamma);
  }

  /** log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½. */
  static Tensor normalNormal(Normal p, Normal q) {
    Tensor ratio = p.scale().div(q.scale());
    Tensor diff = p.loc().sub(q.loc()).div(q.scale());
    return ratio.square().add(diff.square()).mul(0.5).sub(ratio.log()).sub(0.5);
  }

  /**
   * (αp − αq)ψ(αp) − log Γ(αp) + log Γ(αq) + αq(log βp − log βq) + αp(βq − βp)/βp.
   */
  static Tensor gammaGamma(Gamma p, Gamma q) {
    Tensor ap = p.shape();
    Tensor aq = q.shape();
    Tensor bp = p.rate();
    Tensor bq = q.rate();
    return ap.sub(aq).mul(ap.digamma()).sub(ap.lgamma()).add(aq.lgamma())
        .add(aq.mul(bp.log().sub(bq.log()))).add(ap.mul(bq.sub(bp)).div(bp));
  }
}
