package org.vi4j.estimators.scorefunction;

import java.util.List;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.GradientEstimator;

/**
 * Provides {@link ScoreFunctionEstimator} as {@code score-function}.
 *
 * <p>Options: {@code particles} (default 10: the score function's variance needs more than one
 * sample, and the leave-one-out baseline needs at least two), {@code baseline} (default
 * {@code leave-one-out}: unbiased, stateless, and it tracks the current parameters with no warm-up,
 * where a moving average lags them; on the Normal–Normal test fixture both cut the gradient variance
 * to about 0.3 of no baseline), {@code decay} (default 0.9, for {@code moving-average}).
 */
public final class ScoreFunctionProvider implements EstimatorProvider {

  /** The plugin's name. */
  public static final String NAME = "score-function";

  /** Monte Carlo samples per step. */
  public static final OptionSpec<Integer> PARTICLES =
      OptionSpec.integer("particles", 10, "Monte Carlo samples per step").positive();

  /** The control variate. */
  public static final OptionSpec<Baseline> BASELINE = OptionSpec.choice("baseline", Baseline.class,
      Baseline.LEAVE_ONE_OUT, "control variate subtracted from log p - log q");

  /** The moving-average baseline's decay. */
  public static final OptionSpec<Double> DECAY = OptionSpec.real("decay", 0.9,
      "decay of the moving-average baseline").satisfying(v -> v >= 0 && v < 1, "in [0, 1)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "score-function (REINFORCE) gradient with a baseline (Williams 1992; Ranganath et al. 2014)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(PARTICLES, BASELINE, DECAY);
  }

  @Override
  public GradientEstimator create(Options options) {
    return new ScoreFunctionEstimator(options.get(PARTICLES), options.get(BASELINE),
        options.get(DECAY));
  }
}
