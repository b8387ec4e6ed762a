package org.vi4j.guides.auto;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.transforms.Transform;
import org.vi4j.core.transforms.Transforms;
import org.vi4j.guides.internal.BlockDraw;
import org.vi4j.guides.internal.CholeskyNormalBlock;
import org.vi4j.guides.internal.DiagonalNormalBlock;
import org.vi4j.guides.internal.GlobalGuide;
import org.vi4j.guides.internal.GuideMath;

/**
 * Automatic differentiation variational inference's guide (Kucukelbir, Tran, Ranganath, Gelman and
 * Blei 2017, "Automatic Differentiation Variational Inference", JMLR 18(14)): for each GLOBAL
 * latent, a Normal on the unconstrained space ℝⁿ pushed onto the latent's support by the bijector
 * T of {@link Transforms#forSupport} (identity, exp, sigmoid or stick-breaking).
 *
 * <pre>{@code
 * AutoGuide q = new AutoGuide(model.latents(), Covariance.DIAGONAL, 0.0, 0.1);
 * Draw d = q.draw(batch, rng, 16);     // POSITIVE latents get log-normal draws, SIMPLEX logistic-normal
 * }</pre>
 *
 * <p><strong>Density</strong> (change of variables), per latent and particle:
 * <pre>
 *   u ~ N(μ, Σ) on ℝⁿ,   z = T(u),   log q(z) = log N(u; μ, Σ) − log|det ∂T(u)/∂u|
 * </pre>
 * with n = size (size − 1 for SIMPLEX). Σ = diag(σ²) for {@link Covariance#DIAGONAL} (parameters
 * {@code <latent>.loc}, {@code <latent>.scale_raw}, σ = softplus) or LLᵀ for
 * {@link Covariance#FULL} (parameters {@code <latent>.loc}, {@code <latent>.scale_tril_raw}; one
 * block per latent, as {@code full-rank-normal}). Initialised to μ = {@code initLoc} (default 0)
 * and σ (or diag L) = {@code initScale}, default 0.1 as Pyro's {@code AutoNormal} init_scale, so the
 * first draws sit near T(μ) while the optimiser finds its footing.
 *
 * <p>Not a {@link org.vi4j.core.spi.FactorizedFamily}: the pushed-forward factors are not vi4j
 * distributions (for a POSITIVE latent with a diagonal covariance the factor is LogNormal(μ, σ²)
 * exactly).
 */
public final class AutoGuide extends GlobalGuide {

  /** Every support with a bijector: REAL, POSITIVE, UNIT_INTERVAL, SIMPLEX. */
  public static final Set<Support> SUPPORTS = Transforms.supported();

  private final Covariance covariance;
  private final Map<String, Transform> transforms = new HashMap<>();
  private final Map<String, DiagonalNormalBlock> diagonal = new HashMap<>();
  private final Map<String, CholeskyNormalBlock> full = new HashMap<>();

  /** With the provider's defaults. */
  public AutoGuide(LatentSpec latents) {
    this(latents, AutoGuideProvider.COVARIANCE.defaultValue(),
        AutoGuideProvider.INIT_LOC.defaultValue(), AutoGuideProvider.INIT_SCALE.defaultValue());
  }

  /**
   * @param latents the model's latents, GLOBAL with supports in {@link #SUPPORTS}. Not modified.
   * @param covariance diagonal or full, per latent
   * @param initLoc initial μ on the unconstrained space, finite
   * @param initScale initial σ (or diagonal of L), finite and &gt; 0
   */
  public AutoGuide(LatentSpec latents, Covariance covariance, double initLoc, double initScale) {
    super(AutoGuideProvider.NAME, latents, SUPPORTS);
    this.covariance = Objects.requireNonNull(covariance,
        () -> "Guide '" + guideName() + "': covariance must not be null");
    GuideMath.finite(guideName(), "initial loc", initLoc);
    GuideMath.positive(guideName(), "initial scale", initScale);
    for (Latent l : latents.latents()) {
      Transform t = Transforms.forSupport(l.support());
      transforms.put(l.name(), t);
      int n = t.unconstrainedSize(l.size());
      if (covariance == Covariance.DIAGONAL) {
        diagonal.put(l.name(), new DiagonalNormalBlock(params, l.name(), n, initLoc, initScale));
      } else {
        full.put(l.name(), new CholeskyNormalBlock(params, l.name(), n, initLoc, initScale));
      }
    }
  }

  /** Diagonal or full. */
  public Covariance covariance() {
    return covariance;
  }

  /** The bijector of one latent. */
  public Transform transform(String latent) {
    return transforms.get(latent(latent).name());
  }

  @Override
  protected BlockDraw drawBlock(Latent latent, Rng rng, int particles) {
    BlockDraw u = covariance == Covariance.DIAGONAL
        ? diagonal.get(latent.name()).sample(rng, particles)
        : full.get(latent.name()).sample(rng, particles);
    Transform.Pushforward z = transforms.get(latent.name()).pushforward(u.value());
    return new BlockDraw(z.value(), u.logQ().sub(z.logAbsDetJacobian()));
  }

  @Override
  public boolean reparameterizable() {
    return true;
  }
}
