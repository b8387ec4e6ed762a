package org.vi4j.guides.internal;

import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.random.Rng;

/**
 * Π_j N(μ_j, σ_j²) over one block of {@code dim} values, σ = softplus(ρ), with parameters
 * {@code <prefix>.loc} = μ and {@code <prefix>.scale_raw} = ρ (each 1 x dim).
 *
 * <p>Draws u = μ + σ ⊙ ε, ε ~ N(0, I) (pathwise); log q(u) = Σ_j log N(u_j; μ_j, σ_j²).
 */
public final class DiagonalNormalBlock {

  private final Param loc;
  private final Param scaleRaw;

  /**
   * Adds the two parameters to {@code params}.
   *
   * @param params where φ lives. Modified.
   * @param prefix the latent's name
   * @param dim number of values, &gt; 0
   * @param initLoc initial μ (every element)
   * @param initScale initial σ (every element), finite and &gt; 0
   */
  public DiagonalNormalBlock(ParamStore params, String prefix, int dim, double initLoc,
      double initScale) {
    this.loc = params.add(prefix + ".loc", 1, dim, initLoc);
    this.scaleRaw = params.add(prefix + ".scale_raw", 1, dim, GuideMath.inverseSoftplus(initScale));
  }

  /** μ, the {@code .loc} parameter. */
  public Param loc() {
    return loc;
  }

  /** ρ, the {@code .scale_raw} parameter (σ = softplus(ρ)). */
  public Param scaleRaw() {
    return scaleRaw;
  }

  /** N(μ, softplus(ρ)²), 1 x dim; taped when the parameters are watched. */
  public Normal distribution() {
    return Normal.of(loc, scaleRaw.softplus());
  }

  /** Pathwise draws (particles x dim) and their log density (particles x 1). */
  public BlockDraw sample(Rng rng, int particles) {
    Normal q = distribution();
    Tensor u = q.rsample(rng, particles);
    return new BlockDraw(u, q.logProb(u).sumRows());
  }

  /** The current σ, element by element. */
  public double[] scale() {
    double[] raw = scaleRaw.toArray();
    for (int j = 0; j < raw.length; j++) {
      raw[j] = GuideMath.softplus(raw[j]);
    }
    return raw;
  }
}
