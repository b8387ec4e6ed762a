package org.vi4j.estimators.closedform;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link ClosedFormEstimator} as {@value #NAME}: the model's closed-form ELBO, no gradient
 * (for {@code cavi} and {@code svi} on models with {@link org.vi4j.core.spi.ClosedFormElbo}). No
 * options.
 *
 * <pre>{@code
 * // vi4j run --model lda --guide lda --estimator closed-form --optimizer cavi --steps 10
 * }</pre>
 */
public final class ClosedFormProvider implements EstimatorProvider {

  /** The plugin name. */
  public static final String NAME = "closed-form";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the model's closed-form ELBO (ClosedFormElbo), no gradient: for cavi and svi";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of();
  }

  @Override
  public GradientEstimator create(Options options) {
    return new ClosedFormEstimator();
  }
}
