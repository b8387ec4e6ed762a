package org.vi4j.optimizers.em;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;

/**
 * The {@code em} plugin: {@link Em}, expectation–maximisation on the coordinate-ascent loop.
 * Option {@code start}: MODEL (the model's random starting point, default) or GUIDE.
 */
public final class EmProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "em";

  /** Where the iterations start. */
  public static final OptionSpec<Em.Start> START = OptionSpec.choice("start", Em.Start.class,
      Em.Start.MODEL, "MODEL: the model's random starting point; GUIDE: the guide's current point");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "EM as coordinate ascent: exact local posterior (E-step), closed-form point updates of "
        + "the delta guide (M-step); needs a model with PointUpdates";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(START);
  }

  @Override
  public Em create(Options options) {
    return new Em(options.get(START));
  }
}
