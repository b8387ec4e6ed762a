package org.vi4j.estimators.enumerate;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link EnumerateEstimator} as {@code enumerate}.
 *
 * <p>Option {@code max-k} (default {@value #DEFAULT_MAX_K}): the largest number K of binary latent
 * values per data row it sums over (2^K configurations per row; 4,096 at the default). A model with
 * more is refused before the first step, naming K and this option.
 */
public final class EnumerateProvider implements EstimatorProvider {

  /** The plugin's name. */
  public static final String NAME = "enumerate";
  /** The default largest K. */
  public static final int DEFAULT_MAX_K = 12;
  /** The largest accepted max-k (2^30 configurations). */
  public static final int MAX_K_LIMIT = 30;

  /** The largest K enumerated. */
  public static final OptionSpec<Integer> MAX_K = OptionSpec.integer("max-k", DEFAULT_MAX_K,
      "largest number K of binary latent values per data row to sum over (2^K configurations)")
      .satisfying(k -> k >= 1 && k <= MAX_K_LIMIT, "in [1, " + MAX_K_LIMIT + "]");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "exact ELBO and gradient for small discrete local latents: sums q(z|x)[log p - log q] "
        + "over all 2^K configurations per data row (the ground truth for the others)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(MAX_K);
  }

  @Override
  public GradientEstimator create(Options options) {
    return new EnumerateEstimator(options.get(MAX_K));
  }
}
