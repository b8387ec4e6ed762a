package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;

/**
 * The built-in closed-form KL divergences of {@link KlRegistry#standard()}. Each is KL(p ‖ q) per
 * element (or per row for row-wise distributions), differentiable in both distributions'
 * parameters: Normal‖Normal, LogNormal‖LogNormal, Laplace‖Laplace, Exponential‖Exponential,
 * Exponential‖Gamma, Gamma‖Gamma, Beta‖Beta, Dirichlet‖Dirichlet, Bernoulli‖Bernoulli and
 * Categorical‖Categorical.
 */
final class StandardKl {

  /** The Euler–Mascheroni constant γ = −ψ(1). */
  static final double EULER_GAMMA = 0.57721566490153286061;

  private StandardKl() {}

  static KlRegistry.Builder register(KlRegistry.Builder b) {
    return b
        .register(Normal.class, Normal.class, StandardKl::normalNormal)
        .register(LogNormal.class, LogNormal.class, StandardKl::logNormalLogNormal)
        .register(Laplace.class, Laplace.class, StandardKl::laplaceLaplace)
        .register(Exponential.class, Exponential.class, StandardKl::exponentialExponential)
        .register(Exponential.class, Gamma.class, StandardKl::exponentialGamma)
        .register(Gamma.class, Gamma.class, StandardKl::gammaGamma)
        .register(Beta.class, Beta.class, StandardKl::betaBeta)
        .register(Dirichlet.class, Dirichlet.class, StandardKl::dirichletDirichlet)
        .register(Bernoulli.class, Bernoulli.class, StandardKl::bernoulliBernoulli)
        .register(Categorical.class, Categorical.class, StandardKl::categoricalCategorical);
  }

  /** log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½. */
  static Tensor normalNormal(Normal p, Normal q) {
    return gaussian(p.loc(), p.scale(), q.loc(), q.scale());
  }

  /**
   * The Normal‖Normal formula in (μ, σ) of log X: KL is invariant under the bijection exp, so
   * KL(LogNormal(μp, σp) ‖ LogNormal(μq, σq)) = KL(N(μp, σp²) ‖ N(μq, σq²)).
   */
  static Tensor logNormalLogNormal(LogNormal p, LogNormal q) {
    return gaussian(p.loc(), p.scale(), q.loc(), q.scale());
  }

  private static Tensor gaussian(Tensor mp, Tensor sp, Tensor mq, Tensor sq) {
    Tensor ratio = sp.div(sq);
    Tensor diff = mp.sub(mq).div(sq);
    return ratio.square().add(diff.square()).mul(0.5).sub(ratio.log()).sub(0.5);
  }

  /**
   * log(bq/bp) + |μp − μq|/bq + (bp/bq) exp(−|μp − μq|/bp) − 1, from
   * E_p|x − μq| = |μp − μq| + bp exp(−|μp − μq|/bp). Smooth in μp − μq (the kinks of the two |·|
   * terms cancel at 0).
   */
  static Tensor laplaceLaplace(Laplace p, Laplace q) {
    Tensor bp = p.scale();
    Tensor bq = q.scale();
    Tensor d = p.loc().sub(q.loc()).abs();
    return bq.div(bp).log().add(d.div(bq)).add(bp.div(bq).mul(d.div(bp).neg().exp())).sub(1.0);
  }

  /** log(λp/λq) + λq/λp − 1. */
  static Tensor exponentialExponential(Exponential p, Exponential q) {
    Tensor ratio = q.rate().div(p.rate());
    return ratio.sub(ratio.log()).sub(1.0);
  }

  /**
   * KL(Exp(λ) ‖ Gamma(α, β)) = log λ − 1 − α log β + log Γ(α) + (α − 1)(γ + log λ) + β/λ, from
   * E[log p] = log λ − 1 and, under Exp(λ), E[x] = 1/λ and E[log x] = −γ − log λ (γ Euler's
   * constant); at α = 1 it is the Exponential‖Exponential form.
   */
  static Tensor exponentialGamma(Exponential p, Gamma q) {
    Tensor lam = p.rate();
    Tensor a = q.shape();
    Tensor b = q.rate();
    Tensor logLam = lam.log();
    return logLam.sub(1.0).sub(a.mul(b.log())).add(a.lgamma())
        .add(a.sub(1.0).mul(logLam.add(EULER_GAMMA))).add(b.div(lam));
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

  /**
   * log B(aq, bq) − log B(ap, bp) + (ap − aq)ψ(ap) + (bp − bq)ψ(bp)
   * + (aq − ap + bq − bp)ψ(ap + bp).
   */
  static Tensor betaBeta(Beta p, Beta q) {
    Tensor ap = p.a();
    Tensor bp = p.b();
    Tensor aq = q.a();
    Tensor bq = q.b();
    Tensor sp = ap.add(bp);
    return Beta.logBeta(aq, bq).sub(Beta.logBeta(ap, bp)).add(ap.sub(aq).mul(ap.digamma()))
        .add(bp.sub(bq).mul(bp.digamma())).add(aq.add(bq).sub(sp).mul(sp.digamma()));
  }

  /**
   * Per row: log B(β) − log B(α) + Σ<sub>j</sub> (α<sub>j</sub> − β<sub>j</sub>)(ψ(α<sub>j</sub>)
   * − ψ(α<sub>0</sub>)), p = Dir(α), q = Dir(β), using E_p[log x<sub>j</sub>] = ψ(α<sub>j</sub>)
   * − ψ(α<sub>0</sub>).
   */
  static Tensor dirichletDirichlet(Dirichlet p, Dirichlet q) {
    Tensor a = p.concentration();
    Tensor b = q.concentration();
    checkSameK("Dirichlet", a.cols(), b.cols());
    Tensor elog = a.digamma().sub(a.sumRows().digamma());
    return Dirichlet.logMultivariateBeta(b).sub(Dirichlet.logMultivariateBeta(a))
        .add(a.sub(b).mul(elog).sumRows());
  }

  /**
   * σ(lp)(lp − lq) + softplus(lq) − softplus(lp), which is
   * p log(p/q) + (1 − p) log((1 − p)/(1 − q)) with log p = lp − softplus(lp) and
   * log(1 − p) = −softplus(lp): no 1 − σ cancellation for large |l|.
   */
  static Tensor bernoulliBernoulli(Bernoulli p, Bernoulli q) {
    Tensor lp = p.logits();
    Tensor lq = q.logits();
    return lp.sigmoid().mul(lp.sub(lq)).add(lq.softplus()).sub(lp.softplus());
  }

  /** Per row: Σ<sub>j</sub> p<sub>j</sub>(logSoftmax(lp)<sub>j</sub> − logSoftmax(lq)<sub>j</sub>). */
  static Tensor categoricalCategorical(Categorical p, Categorical q) {
    checkSameK("Categorical", p.cols(), q.cols());
    Tensor lsp = p.logits().logSoftmax();
    return lsp.exp().mul(lsp.sub(q.logits().logSoftmax())).sumRows();
  }

  private static void checkSameK(String dist, int kp, int kq) {
    if (kp != kq) {
      throw new IllegalArgumentException("KL(" + dist + " ‖ " + dist + "): p is over " + kp
          + " categories but q over " + kq);
    }
  }
}
