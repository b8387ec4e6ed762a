package org.vi4j.optimizers.adagrad;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.optimizers.schedule.ScheduleOptions;

/**
 * The {@code adagrad} plugin: {@link Adagrad}. Options: {@code lr} (0.01), {@code eps} (1e-10),
 * {@code initial-accumulator} (0), and the schedule options of {@link ScheduleOptions}.
 */
public final class AdagradProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "adagrad";

  /** Learning rate. */
  public static final OptionSpec<Double> LR = OptionSpec.real("lr", 0.01, "learning rate")
      .satisfying(v -> v > 0 && v < Double.POSITIVE_INFINITY, "finite and > 0");
  /** ε. */
  public static final OptionSpec<Double> EPS = OptionSpec.real("eps", 1e-10,
      "added to the denominator sqrt(s)")
      .satisfying(v -> v > 0 && v < Double.POSITIVE_INFINITY, "finite and > 0");
  /** s₀. */
  public static final OptionSpec<Double> INITIAL_ACCUMULATOR = OptionSpec.real(
      "initial-accumulator", 0.0, "starting value of the sum of squared gradients")
      .satisfying(v -> v >= 0 && v < Double.POSITIVE_INFINITY, "finite and >= 0");

  private static final List<OptionSpec<?>> OPTIONS =
      ScheduleOptions.withSchedule(List.of(LR, EPS, INITIAL_ACCUMULATOR));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "AdaGrad, diagonal (Duchi, Hazan & Singer 2011)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return OPTIONS;
  }

  @Override
  public Adagrad create(Options options) {
    return new Adagrad(options.get(LR), options.get(EPS), options.get(INITIAL_ACCUMULATOR),
        ScheduleOptions.from(options, "optimizer '" + NAME + "'"));
  }
}
