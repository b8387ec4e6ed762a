package org.vi4j.guides.lognormal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.LogNormal;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.guides.internal.BlockDraw;
import org.vi4j.guides.internal.DiagonalNormalBlock;
import org.vi4j.guides.internal.GlobalGuide;
import org.vi4j.guides.internal.GuideMath;

/**
 * Mean-field log-normal: q(z) = Π_j LogNormal(z_j; μ_j, σ_j²), for POSITIVE GLOBAL latents.
 *
 * <pre>{@code
 * LogNormalGuide q = new LogNormalGuide(model.latents(), 0.0, 0.1);   // median e^0 = 1
 * Draw d = q.draw(batch, rng, 16);                                     // z = exp(μ + σ ε)
 * }</pre>
 *
 * <p><strong>Parameters</strong> per latent (1 x size each): {@code <latent>.loc} = μ and
 * {@code <latent>.scale_raw} = ρ, σ = softplus(ρ), the mean and standard deviation of log z.
 * Initialised to μ = {@code initLoc}, σ = {@code initScale} (defaults 0 and 0.1).
 *
 * <p><strong>Draw and density.</strong> z = exp(μ + σ ⊙ ε) (pathwise, {@link LogNormal#rsample});
 * log q(z) = Σ_j [log N(log z_j; μ_j, σ_j²) − log z_j], the Normal density of log z minus the
 * log-Jacobian of the exponential. The factor of each latent is
 * {@code LogNormal.of(loc, softplus(scale_raw))}, so closed-form KL and entropy apply.
 */
public final class LogNormalGuide extends GlobalGuide implements FactorizedFamily {

  /** POSITIVE only. */
  public static final Set<Support> SUPPORTS =
      Collections.unmodifiableSet(EnumSet.of(Support.POSITIVE));

  private final Map<String, DiagonalNormalBlock> blocks = new LinkedHashMap<>();

  /** With the provider's default initial values. */
  public LogNormalGuide(LatentSpec latents) {
    this(latents, LogNormalGuideProvider.INIT_LOC.defaultValue(),
        LogNormalGuideProvider.INIT_SCALE.defaultValue());
  }

  /**
   * @param latents the model's latents, all POSITIVE and GLOBAL. Not modified.
   * @param initLoc initial mean of log z, finite
   * @param initScale initial standard deviation of log z, finite and &gt; 0
   */
  public LogNormalGuide(LatentSpec latents, double initLoc, double initScale) {
    super(LogNormalGuideProvider.NAME, latents, SUPPORTS);
    GuideMath.finite(guideName(), "initial loc", initLoc);
    GuideMath.positive(guideName(), "initial scale", initScale);
    for (Latent l : latents.latents()) {
      blocks.put(l.name(), new DiagonalNormalBlock(params, l.name(), l.size(), initLoc, initScale));
    }
  }

  @Override
  protected BlockDraw drawBlock(Latent latent, Rng rng, int particles) {
    LogNormal q = factor(latent.name());
    Tensor z = q.rsample(rng, particles);
    return new BlockDraw(z, q.logProb(z).sumRows());
  }

  @Override
  public boolean reparameterizable() {
    return true;
  }

  @Override
  public List<String> factorLatents() {
    return names();
  }

  /** LogNormal(μ, softplus(ρ)²), 1 x size; taped when the parameters are watched. */
  @Override
  public LogNormal factor(String latent) {
    DiagonalNormalBlock b = blocks.get(latent(latent).name());
    return LogNormal.of(b.loc(), b.scaleRaw().softplus());
  }

  /** The current σ (standard deviation of log z) of one latent (a copy). */
  public double[] scale(String latent) {
    return blocks.get(latent(latent).name()).scale();
  }
}
