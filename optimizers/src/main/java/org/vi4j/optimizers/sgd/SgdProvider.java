package org.vi4j.optimizers.sgd;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.optimizers.schedule.ScheduleOptions;

/**
 * The {@code sgd} plugin: {@link Sgd}. Options: {@code lr} (0.01), {@code momentum} (0),
 * {@code nesterov} (false), and the schedule options of {@link ScheduleOptions}.
 */
public final class SgdProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "sgd";

  /** Learning rate. */
  public static final OptionSpec<Double> LR = OptionSpec.real("lr", 0.01, "learning rate")
      .satisfying(v -> v > 0 && v < Double.POSITIVE_INFINITY, "finite and > 0");
  /** Momentum μ. */
  public static final OptionSpec<Double> MOMENTUM = OptionSpec.real("momentum", 0.0,
      "heavy-ball momentum mu (0 = none)").satisfying(v -> v >= 0 && v < 1, "in [0, 1)");
  /** Nesterov momentum. */
  public static final OptionSpec<Boolean> NESTEROV = OptionSpec.bool("nesterov", false,
      "Nesterov momentum (Sutskever et al. 2013); needs momentum > 0");

  private static final List<OptionSpec<?>> OPTIONS =
      ScheduleOptions.withSchedule(List.of(LR, MOMENTUM, NESTEROV));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Stochastic gradient ascent (Robbins & Monro 1951) with optional heavy-ball (Polyak 1964)"
        + " or Nesterov momentum (Sutskever et al. 2013)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return OPTIONS;
  }

  @Override
  public Sgd create(Options options) {
    return new Sgd(options.get(LR), options.get(MOMENTUM), options.get(NESTEROV),
        ScheduleOptions.from(options, "optimizer '" + NAME + "'"));
  }
}
