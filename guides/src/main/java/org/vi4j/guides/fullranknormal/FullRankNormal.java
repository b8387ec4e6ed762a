package org.vi4j.guides.fullranknormal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.guides.internal.BlockDraw;
import org.vi4j.guides.internal.CholeskyNormalBlock;
import org.vi4j.guides.internal.GlobalGuide;
import org.vi4j.guides.internal.GuideMath;

/**
 * Full-rank Normal: q(z) = Π over latents of N(z_latent; μ, LLᵀ), one dense covariance per latent
 * block (latents stay independent of each other: a block across latents would couple models'
 * blocks that are usually conditionally independent and cost O((Σ sizes)²)).
 *
 * <pre>{@code
 * FullRankNormal q = new FullRankNormal(model.latents(), 0.0, 0.1);
 * q.setCovariance("w", sigma0);                   // e.g. from a Laplace approximation
 * Draw d = q.draw(batch, rng, 64);                // z = μ + ε Lᵀ
 * DMatrixRMaj cov = q.covariance("w");            // LLᵀ
 * }</pre>
 *
 * <p><strong>Parameters</strong> per latent of size d: {@code <latent>.loc} = μ (1 x d) and
 * {@code <latent>.scale_tril_raw} = P (d x d), with L_ij = P_ij below the diagonal,
 * L_ii = softplus(P_ii), and the entries above the diagonal unused (gradient 0). Initialised to
 * μ = {@code initLoc}, L = {@code initScale}·I (defaults 0 and 0.1).
 *
 * <p><strong>Draw and density.</strong> z = μ + ε Lᵀ (one row per particle, {@code matmulTransB}:
 * Lᵀ is never formed), ε ~ N(0, I); log q(z) = Σ_j log N(ε_j; 0, 1) − Σ_j log L_jj.
 *
 * <p>Not a {@link org.vi4j.core.spi.FactorizedFamily}: its factors are not vi4j distributions
 * (there is no multivariate normal yet), so estimators use its sampled log q.
 */
public final class FullRankNormal extends GlobalGuide {

  /** REAL only. */
  public static final Set<Support> SUPPORTS = Collections.unmodifiableSet(EnumSet.of(Support.REAL));

  private final Map<String, CholeskyNormalBlock> blocks = new LinkedHashMap<>();

  /** With the provider's default initial values. */
  public FullRankNormal(LatentSpec latents) {
    this(latents, FullRankNormalProvider.INIT_LOC.defaultValue(),
        FullRankNormalProvider.INIT_SCALE.defaultValue());
  }

  /**
   * @param latents the model's latents, all REAL and GLOBAL. Not modified.
   * @param initLoc initial μ, finite
   * @param initScale initial diagonal of L, finite and &gt; 0
   */
  public FullRankNormal(LatentSpec latents, double initLoc, double initScale) {
    super(FullRankNormalProvider.NAME, latents, SUPPORTS);
    GuideMath.finite(guideName(), "initial loc", initLoc);
    GuideMath.positive(guideName(), "initial scale", initScale);
    for (Latent l : latents.latents()) {
      blocks.put(l.name(), new CholeskyNormalBlock(params, l.name(), l.size(), initLoc, initScale));
    }
  }

  @Override
  protected BlockDraw drawBlock(Latent latent, Rng rng, int particles) {
    return blocks.get(latent.name()).sample(rng, particles);
  }

  @Override
  public boolean reparameterizable() {
    return true;
  }

  /** The current Cholesky factor L of one latent (a new matrix). */
  public DMatrixRMaj scaleTril(String latent) {
    return blocks.get(latent(latent).name()).scaleTrilValue();
  }

  /** The current covariance LLᵀ of one latent (a new matrix, EJML product). */
  public DMatrixRMaj covariance(String latent) {
    return blocks.get(latent(latent).name()).covariance();
  }

  /**
   * Sets one latent's L to the Cholesky factor of {@code covariance} (EJML).
   *
   * @param covariance size x size, symmetric positive definite. Not modified.
   * @throws IllegalArgumentException if it is not; the parameters are then unchanged
   */
  public void setCovariance(String latent, DMatrixRMaj covariance) {
    blocks.get(latent(latent).name())
        .setCovariance("Guide '" + guideName() + "', latent '" + latent + "'", covariance);
  }
}
