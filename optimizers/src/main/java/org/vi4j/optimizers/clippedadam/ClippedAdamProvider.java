package org.vi4j.optimizers.clippedadam;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.optimizers.adam.AdamProvider;
import org.vi4j.optimizers.schedule.ScheduleOptions;

/**
 * The {@code clipped-adam} plugin: {@link ClippedAdam}. Options: {@code lr}, {@code beta1},
 * {@code beta2}, {@code eps} (Adam's, same defaults), {@code clip-norm} (10), {@code lrd} (1), and
 * the schedule options of {@link ScheduleOptions}.
 */
public final class ClippedAdamProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "clipped-adam";

  /** Element-wise clamp bound c. */
  public static final OptionSpec<Double> CLIP_NORM = OptionSpec.real("clip-norm", 10.0,
      "each gradient element is clamped to [-clip-norm, clip-norm] (Pyro's clip_norm)").positive();
  /** Learning-rate decay per update r. */
  public static final OptionSpec<Double> LRD = OptionSpec.real("lrd", 1.0,
      "learning rate multiplied by lrd before every update (Pyro's lrd)")
      .satisfying(v -> v > 0 && v <= 1, "in (0, 1]");

  private static final List<OptionSpec<?>> OPTIONS = ScheduleOptions.withSchedule(List.of(
      AdamProvider.LR, AdamProvider.BETA1, AdamProvider.BETA2, AdamProvider.EPS, CLIP_NORM, LRD));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Adam (Kingma & Ba 2015) with element-wise gradient clipping and lr decay, as Pyro's "
        + "ClippedAdam (Bingham et al. 2019)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return OPTIONS;
  }

  @Override
  public ClippedAdam create(Options options) {
    return new ClippedAdam(options.get(AdamProvider.LR), options.get(AdamProvider.BETA1),
        options.get(AdamProvider.BETA2), options.get(AdamProvider.EPS), options.get(CLIP_NORM),
        options.get(LRD), ScheduleOptions.from(options, "optimizer '" + NAME + "'"));
  }
}
