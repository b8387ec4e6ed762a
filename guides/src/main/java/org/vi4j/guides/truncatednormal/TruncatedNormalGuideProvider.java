package org.vi4j.guides.truncatednormal;

import java.util.List;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/** Provides {@link TruncatedNormalGuide} as {@code truncated-normal}. */
public final class TruncatedNormalGuideProvider implements GuideProvider {

  public static final String NAME = "truncated-normal";
  /** Initial location μ of the untruncated Normal. */
  public static final OptionSpec<Double> INIT_LOC =
      OptionSpec.real("init-loc", 0.0, "initial location of the untruncated Normal");
  /** Initial scale σ of the untruncated Normal. */
  public static final OptionSpec<Double> INIT_SCALE =
      OptionSpec.real("init-scale", 1.0, "initial scale of the untruncated Normal").positive();
  /** The truncation bound ℓ (≥ 0 so draws stay POSITIVE). */
  public static final OptionSpec<Double> LOWER =
      OptionSpec.real("lower", 0.0, "lower truncation bound").nonNegative();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "mean-field Normal truncated to [lower, inf) over POSITIVE global latents";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(INIT_LOC, INIT_SCALE, LOWER);
  }

  @Override
  public Set<Support> supports() {
    return TruncatedNormalGuide.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    return new TruncatedNormalGuide(model.latents(), options.get(INIT_LOC), options.get(INIT_SCALE),
        options.get(LOWER));
  }
}
