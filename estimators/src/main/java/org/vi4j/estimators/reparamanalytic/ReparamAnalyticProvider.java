package org.vi4j.estimators.reparamanalytic;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link ReparamAnalyticEstimator} as {@code reparam-analytic}, with the built-in
 * closed-form KL pairs ({@link org.vi4j.core.distributions.KlRegistry#standard()}).
 *
 * <p>Option {@code particles} (default 1, as AEVB's L = 1 and Pyro's {@code TraceMeanField_ELBO}).
 */
public final class ReparamAnalyticProvider implements EstimatorProvider {

  /** The plugin's name. */
  public static final String NAME = "reparam-analytic";

  /** Monte Carlo samples per step. */
  public static final OptionSpec<Integer> PARTICLES =
      OptionSpec.integer("particles", 1, "Monte Carlo samples per step").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "pathwise gradient with closed-form KL or entropy per global latent, and closed-form "
        + "KL for amortised local latents (AEVB estimator B, Kingma & Welling 2014)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(PARTICLES);
  }

  @Override
  public GradientEstimator create(Options options) {
    return new ReparamAnalyticEstimator(options.get(PARTICLES));
  }
}
