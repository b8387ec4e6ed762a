package org.vi4j.models.gaussianmixture;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link GaussianWishartMixtureElbo} as {@value #NAME}: the closed-form ELBO of
 * {@code gaussian-mixture-mv} under its {@code gaussian-mixture-mv} guide, which {@code cavi}
 * reports before each sweep (no gradient; no options).
 *
 * <pre>{@code
 * // vi4j run --model gaussian-mixture-mv --guide gaussian-mixture-mv \
 * //     --estimator gaussian-mixture-mv-elbo --optimizer cavi --steps 200
 * }</pre>
 */
public final class GaussianWishartMixtureElboProvider implements EstimatorProvider {

  /** The plugin name. */
  public static final String NAME = "gaussian-mixture-mv-elbo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "closed-form ELBO of gaussian-mixture-mv under its own guide (for cavi; no gradient)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of();
  }

  @Override
  public GradientEstimator create(Options options) {
    return new GaussianWishartMixtureElbo();
  }
}
