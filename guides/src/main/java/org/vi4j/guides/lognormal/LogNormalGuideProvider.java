package org.vi4j.guides.lognormal;

import java.util.List;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/** Provides {@link LogNormalGuide} as {@code log-normal}. */
public final class LogNormalGuideProvider implements GuideProvider {

  public static final String NAME = "log-normal";
  /** Initial mean of log z (median e^init-loc). */
  public static final OptionSpec<Double> INIT_LOC =
      OptionSpec.real("init-loc", 0.0, "initial mean of log z for every element");
  /** Initial standard deviation of log z. */
  public static final OptionSpec<Double> INIT_SCALE =
      OptionSpec.real("init-scale", 0.1, "initial standard deviation of log z").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "mean-field log-normal over POSITIVE global latents (z = exp of a Normal)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(INIT_LOC, INIT_SCALE);
  }

  @Override
  public Set<Support> supports() {
    return LogNormalGuide.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    return new LogNormalGuide(model.latents(), options.get(INIT_LOC), options.get(INIT_SCALE));
  }
}
