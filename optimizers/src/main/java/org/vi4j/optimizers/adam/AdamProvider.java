package org.vi4j.optimizers.adam;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.optimizers.schedule.ScheduleOptions;

/**
 * The {@code adam} plugin: {@link Adam}. Options: {@code lr} (1e-3), {@code beta1} (0.9),
 * {@code beta2} (0.999), {@code eps} (1e-8), and the schedule options of {@link ScheduleOptions}.
 */
public final class AdamProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "adam";

  /** Learning rate. */
  public static final OptionSpec<Double> LR = OptionSpec.real("lr", 1e-3, "learning rate")
      .satisfying(v -> v > 0 && v < Double.POSITIVE_INFINITY, "finite and > 0");
  /** β₁. */
  public static final OptionSpec<Double> BETA1 = OptionSpec.real("beta1", 0.9,
      "decay rate of the first-moment average").satisfying(v -> v >= 0 && v < 1, "in [0, 1)");
  /** β₂. */
  public static final OptionSpec<Double> BETA2 = OptionSpec.real("beta2", 0.999,
      "decay rate of the second-moment average").satisfying(v -> v >= 0 && v < 1, "in [0, 1)");
  /** ε. */
  public static final OptionSpec<Double> EPS = OptionSpec.real("eps", 1e-8,
      "added to the denominator sqrt(v-hat)")
      .satisfying(v -> v > 0 && v < Double.POSITIVE_INFINITY, "finite and > 0");

  private static final List<OptionSpec<?>> OPTIONS =
      ScheduleOptions.withSchedule(List.of(LR, BETA1, BETA2, EPS));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Adam with bias correction (Kingma & Ba 2015)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return OPTIONS;
  }

  @Override
  public Adam create(Options options) {
    return new Adam(options.get(LR), options.get(BETA1), options.get(BETA2), options.get(EPS),
        ScheduleOptions.from(options, "optimizer '" + NAME + "'"));
  }
}
