package org.vi4j.core.plugin;

import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides a {@link GradientEstimator} by name; listed in
 * {@code META-INF/services/org.vi4j.core.plugin.EstimatorProvider}.
 *
 * <pre>{@code
 * public final class ReparamProvider implements EstimatorProvider {
 *   public static final String NAME = "reparam";
 *   static final OptionSpec<Integer> PARTICLES =
 *       OptionSpec.integer("particles", 16, "Monte Carlo samples per step").positive();
 *   public String name() { return NAME; }
 *   public String description() { return "pathwise gradient (Kingma & Welling 2014)"; }
 *   public List<OptionSpec<?>> options() { return List.of(PARTICLES); }
 *   public GradientEstimator create(Options o) { return new ReparamEstimator(o.get(PARTICLES)); }
 * }
 * }</pre>
 *
 * <p>See {@link Provider} for the naming and options contract.
 */
public interface EstimatorProvider extends Provider {

  /** A new estimator configured by validated {@code options}. */
  GradientEstimator create(Options options);
}
