package org.vi4j.optimizers.rmsprop;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.optimizers.schedule.ScheduleOptions;

/**
 * The {@code rmsprop} plugin: {@link RmsProp} with PyTorch's semantics. Options: {@code lr}
 * (0.01), {@code alpha} (0.99), {@code eps} (1e-8), {@code momentum} (0), {@code centered}
 * (false), and the schedule options of {@link ScheduleOptions}.
 */
public final class RmsPropProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "rmsprop";

  /** Learning rate. */
  public static final OptionSpec<Double> LR = OptionSpec.real("lr", 1e-2, "learning rate")
      .satisfying(v -> v > 0 && v < Double.POSITIVE_INFINITY, "finite and > 0");
  /** α. */
  public static final OptionSpec<Double> ALPHA = OptionSpec.real("alpha", 0.99,
      "decay rate of the mean square").satisfying(v -> v >= 0 && v < 1, "in [0, 1)");
  /** ε. */
  public static final OptionSpec<Double> EPS = OptionSpec.real("eps", 1e-8,
      "added to the denominator (outside the square root, as PyTorch)")
      .satisfying(v -> v > 0 && v < Double.POSITIVE_INFINITY, "finite and > 0");
  /** μ. */
  public static final OptionSpec<Double> MOMENTUM = OptionSpec.real("momentum", 0.0,
      "momentum of the scaled step (0 = none)").satisfying(v -> v >= 0 && v < 1, "in [0, 1)");
  /** Centered variant. */
  public static final OptionSpec<Boolean> CENTERED = OptionSpec.bool("centered", false,
      "normalise by the estimated variance of the gradient (Graves 2013)");

  private static final List<OptionSpec<?>> OPTIONS =
      ScheduleOptions.withSchedule(List.of(LR, ALPHA, EPS, MOMENTUM, CENTERED));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "RMSprop (Tieleman & Hinton 2012; centered: Graves 2013), PyTorch semantics";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return OPTIONS;
  }

  @Override
  public RmsProp create(Options options) {
    return new RmsProp(options.get(LR), options.get(ALPHA), options.get(EPS),
        options.get(MOMENTUM), options.get(CENTERED),
        ScheduleOptions.from(options, "optimizer '" + NAME + "'"));
  }
}
