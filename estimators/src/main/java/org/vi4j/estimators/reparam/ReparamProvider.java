package org.vi4j.estimators.reparam;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link ReparamEstimator} as {@code reparam}.
 *
 * <p>Option {@code particles} (default 1, as Pyro's {@code Trace_ELBO(num_particles=1)} and
 * NumPyro's {@code Trace_ELBO}: one pathwise sample per step is usually enough, and more steps beat
 * more particles per step; with one particle the reported standard error is NaN).
 */
public final class ReparamProvider implements EstimatorProvider {

  /** The plugin's name. */
  public static final String NAME = "reparam";

  /** Monte Carlo samples per step. */
  public static final OptionSpec<Integer> PARTICLES =
      OptionSpec.integer("particles", 1, "Monte Carlo samples per step").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "pathwise (reparameterisation) gradient (Kingma & Welling 2014; Rezende et al. 2014)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(PARTICLES);
  }

  @Override
  public GradientEstimator create(Options options) {
    return new ReparamEstimator(options.get(PARTICLES));
  }
}
