package org.vi4j.estimators.gumbelsoftmax;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link GumbelSoftmaxEstimator} as {@code gumbel-softmax}.
 *
 * <p>Options: {@code particles} (1), {@code temperature} τ (0.5: Jang et al. 2017 anneal τ down to
 * 0.5; lower is less biased and noisier), {@code straight-through} (false).
 */
public final class GumbelSoftmaxProvider implements EstimatorProvider {

  /** The plugin's name. */
  public static final String NAME = "gumbel-softmax";

  /** Relaxed samples per step. */
  public static final OptionSpec<Integer> PARTICLES =
      OptionSpec.integer("particles", 1, "relaxed samples per step").positive();

  /** τ. */
  public static final OptionSpec<Double> TEMPERATURE = OptionSpec.real("temperature", 0.5,
      "temperature of the Concrete relaxation (lower: less bias, more variance)").positive();

  /** Hard forward, relaxed backward. */
  public static final OptionSpec<Boolean> STRAIGHT_THROUGH = OptionSpec.bool("straight-through",
      false, "use the hard 0/1 sample in the forward pass and the relaxed gradient backward");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Gumbel-softmax / Concrete relaxation of binary latents, optionally straight-through "
        + "(Jang et al. 2017; Maddison et al. 2017): BIASED gradient, analytic KL";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(PARTICLES, TEMPERATURE, STRAIGHT_THROUGH);
  }

  @Override
  public GradientEstimator create(Options options) {
    return new GumbelSoftmaxEstimator(options.get(PARTICLES), options.get(TEMPERATURE),
        options.get(STRAIGHT_THROUGH));
  }
}
