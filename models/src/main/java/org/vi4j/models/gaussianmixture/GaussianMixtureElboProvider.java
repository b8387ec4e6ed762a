package org.vi4j.models.gaussianmixture;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link GaussianMixtureElbo} as {@value #NAME}: the closed-form ELBO of
 * {@code gaussian-mixture} under its {@code gaussian-mixture} guide, which {@code cavi} reports
 * after each sweep (no gradient; no options).
 */
public final class GaussianMixtureElboProvider implements EstimatorProvider {

  /** The plugin name. */
  public static final String NAME = "gaussian-mixture-elbo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "closed-form ELBO of gaussian-mixture under its own guide (for cavi; no gradient)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of();
  }

  @Override
  public GradientEstimator create(Options options) {
    return new GaussianMixtureElbo();
  }
}
