package org.vi4j.guides.meanfieldnormal;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vi4j.core.distributions.Normal;
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
 * Mean-field Normal: q(z) = Π over latents and columns of N(z_j; μ_j, σ_j²), for REAL GLOBAL
 * latents.
 *
 * <pre>{@code
 * MeanFieldNormal q = new MeanFieldNormal(model.latents(), 0.0, 0.1);
 * Draw d = q.draw(batch, rng, 16);                  // z = μ + σ ⊙ ε, pathwise
 * Normal factor = q.factor("w");                    // N(w.loc, softplus(w.scale_raw)²), 1 x size
 * }</pre>
 *
 * <p><strong>Parameters</strong> per latent (1 x size each): {@code <latent>.loc} = μ and
 * {@code <latent>.scale_raw} = ρ with σ = softplus(ρ) = log(1 + e^ρ), so any real ρ is valid.
 * Initialised to μ = {@code initLoc} and σ = {@code initScale} (defaults 0 and 0.1, Pyro's
 * {@code AutoNormal} init_scale).
 *
 * <p><strong>Density.</strong> log q(z) = Σ_j [−½((z_j − μ_j)/σ_j)² − log σ_j − log √(2π)], summed
 * over every latent and column per particle.
 */
public final class MeanFieldNormal extends GlobalGuide implements FactorizedFamily {

  /** REAL only. */
  public static final Set<Support> SUPPORTS = Collections.unmodifiableSet(EnumSet.of(Support.REAL));

  private final Map<String, DiagonalNormalBlock> blocks = new LinkedHashMap<>();

  /** With the provider's default initial values. */
  public MeanFieldNormal(LatentSpec latents) {
    this(latents, MeanFieldNormalProvider.INIT_LOC.defaultValue(),
        MeanFieldNormalProvider.INIT_SCALE.defaultValue());
  }

  /**
   * @param latents the model's latents, all REAL and GLOBAL. Not modified.
   * @param initLoc initial μ, finite
   * @param initScale initial σ, finite and &gt; 0
   * @throws IllegalArgumentException for a LOCAL or non-REAL latent, or a bad initial value
   */
  public MeanFieldNormal(LatentSpec latents, double initLoc, double initScale) {
    super(MeanFieldNormalProvider.NAME, latents, SUPPORTS);
    GuideMath.finite(guideName(), "initial loc", initLoc);
    GuideMath.positive(guideName(), "initial scale", initScale);
    for (Latent l : latents.latents()) {
      blocks.put(l.name(), new DiagonalNormalBlock(params, l.name(), l.size(), initLoc, initScale));
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

  @Override
  public List<String> factorLatents() {
    return names();
  }

  /** N(μ, σ²) of one latent, 1 x size; taped when the parameters are watched. */
  @Override
  public Normal factor(String latent) {
    return blocks.get(latent(latent).name()).distribution();
  }

  /** The current σ of one latent (a copy). */
  public double[] scale(String latent) {
    return blocks.get(latent(latent).name()).scale();
  }
}
