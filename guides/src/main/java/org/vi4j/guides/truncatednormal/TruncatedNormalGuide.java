package org.vi4j.guides.truncatednormal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.distributions.TruncatedNormal;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.guides.internal.BlockDraw;
import org.vi4j.guides.internal.GlobalGuide;
import org.vi4j.guides.internal.GuideMath;

/**
 * Mean-field truncated Normal: q(z) = Π_j N(z_j; μ_j, σ_j²) restricted to [ℓ, ∞), for POSITIVE
 * GLOBAL latents (ℓ ≥ 0, default 0). It contains the exact posterior of {@code exp-gaussian}.
 *
 * <pre>{@code
 * TruncatedNormalGuide q = new TruncatedNormalGuide(model.latents(), 0.0, 1.0, 0.0);
 * Draw d = q.draw(batch, rng, 32);                // inverse-CDF draws, pathwise
 * TruncatedNormal f = q.factor("z");
 * }</pre>
 *
 * <p><strong>Parameters</strong> per latent (1 x size each): {@code <latent>.loc} = μ and
 * {@code <latent>.scale_raw} = ρ, σ = softplus(ρ) (the untruncated Normal's location and scale).
 * Initialised to μ = {@code initLoc}, σ = {@code initScale} (defaults 0 and 1: a half-normal).
 *
 * <p><strong>Density.</strong> log q(z) = Σ_j [log φ((z_j − μ_j)/σ_j) − log σ_j − log Φ((μ_j − ℓ)/σ_j)]
 * for z ≥ ℓ ({@link TruncatedNormal}); draws z = μ − σ Φ⁻¹(v Φ((μ − ℓ)/σ)), v ~ U(0, 1).
 */
public final class TruncatedNormalGuide extends GlobalGuide implements FactorizedFamily {

  /** POSITIVE only (the bound ℓ ≥ 0 keeps every draw in the support). */
  public static final Set<Support> SUPPORTS =
      Collections.unmodifiableSet(EnumSet.of(Support.POSITIVE));

  private final double lower;
  private final Map<String, Param> loc = new HashMap<>();
  private final Map<String, Param> scaleRaw = new HashMap<>();

  /** With the provider's default initial values and bound. */
  public TruncatedNormalGuide(LatentSpec latents) {
    this(latents, TruncatedNormalGuideProvider.INIT_LOC.defaultValue(),
        TruncatedNormalGuideProvider.INIT_SCALE.defaultValue(),
        TruncatedNormalGuideProvider.LOWER.defaultValue());
  }

  /**
   * @param latents the model's latents, all POSITIVE and GLOBAL. Not modified.
   * @param initLoc initial μ, finite
   * @param initScale initial σ, finite and &gt; 0
   * @param lower the bound ℓ, finite and ≥ 0
   */
  public TruncatedNormalGuide(LatentSpec latents, double initLoc, double initScale, double lower) {
    super(TruncatedNormalGuideProvider.NAME, latents, SUPPORTS);
    GuideMath.finite(guideName(), "initial loc", initLoc);
    GuideMath.positive(guideName(), "initial scale", initScale);
    if (!(lower >= 0 && lower < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("Guide '" + guideName() + "': lower must be finite and >= 0 "
          + "(the latents are POSITIVE), got " + lower);
    }
    this.lower = lower;
    double raw = GuideMath.inverseSoftplus(initScale);
    for (Latent l : latents.latents()) {
      loc.put(l.name(), params.add(l.name() + ".loc", 1, l.size(), initLoc));
      scaleRaw.put(l.name(), params.add(l.name() + ".scale_raw", 1, l.size(), raw));
    }
  }

  /** The lower bound ℓ. */
  public double lower() {
    return lower;
  }

  @Override
  protected BlockDraw drawBlock(Latent latent, Rng rng, int particles) {
    TruncatedNormal q = factor(latent.name());
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

  /** N(μ, softplus(ρ)²) on [ℓ, ∞), 1 x size; taped when the parameters are watched. */
  @Override
  public TruncatedNormal factor(String latent) {
    String name = latent(latent).name();
    return TruncatedNormal.of(loc.get(name), scaleRaw.get(name).softplus(), lower);
  }
}
