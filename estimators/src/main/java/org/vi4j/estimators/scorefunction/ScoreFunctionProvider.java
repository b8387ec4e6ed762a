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
 * to about 0.3 of no baseline), {@code decay} (default 0.9, for {@code moving-average} and
 * {@code nvil}), {@code analytic-kl} (default false: closed-form KL terms where they exist),
 * {@code baseline-hidden} (100), {@code baseline-lr} (1e-3) and {@code normalize} (true) for
 * {@code nvil}.
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
      "decay of the moving-average baseline (and of nvil's running mean and variance)")
      .satisfying(v -> v >= 0 && v < 1, "in [0, 1)");

  /** Closed-form KL(q ‖ prior) where the model declares the prior and the pair is registered. */
  public static final OptionSpec<Boolean> ANALYTIC_KL = OptionSpec.bool("analytic-kl", false,
      "replace log prior - log q by the closed-form -KL(q || prior) where it exists");

  /** NVIL's hidden layer (Mnih &amp; Gregor 2014 used 100 tanh units). */
  public static final OptionSpec<Integer> BASELINE_HIDDEN = OptionSpec.integer("baseline-hidden",
      100, "hidden tanh units of nvil's baseline network").positive();

  /** NVIL's network learning rate. */
  public static final OptionSpec<Double> BASELINE_LR = OptionSpec.real("baseline-lr", 1e-3,
      "Adam learning rate of nvil's baseline network").positive();

  /** NVIL's variance normalisation. */
  public static final OptionSpec<Boolean> NORMALIZE = OptionSpec.bool("normalize", true,
      "nvil: divide the centred signal by max(1, running standard deviation)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "score-function (REINFORCE) gradient with a baseline: moving average, leave-one-out or "
        + "NVIL (Williams 1992; Ranganath et al. 2014; Mnih & Gregor 2014); per-row signals for "
        + "amortised local latents";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(PARTICLES, BASELINE, DECAY, ANALYTIC_KL, BASELINE_HIDDEN, BASELINE_LR, NORMALIZE);
  }

  @Override
  public GradientEstimator create(Options options) {
    return ScoreFunctionEstimator.builder()
        .particles(options.get(PARTICLES))
        .baseline(options.get(BASELINE))
        .decay(options.get(DECAY))
        .analyticKl(options.get(ANALYTIC_KL))
        .baselineHidden(options.get(BASELINE_HIDDEN))
        .baselineLearningRate(options.get(BASELINE_LR))
        .normalize(options.get(NORMALIZE))
        .build();
  }
}
