package org.vi4j.guides.meanfieldnormal;

import java.util.List;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/** Provides {@link MeanFieldNormal} as {@code mean-field-normal}. */
public final class MeanFieldNormalProvider implements GuideProvider {

  public static final String NAME = "mean-field-normal";
  /** Initial μ of every element. */
  public static final OptionSpec<Double> INIT_LOC =
      OptionSpec.real("init-loc", 0.0, "initial mean of every element");
  /** Initial σ of every element (Pyro's AutoNormal init_scale). */
  public static final OptionSpec<Double> INIT_SCALE =
      OptionSpec.real("init-scale", 0.1, "initial standard deviation of every element").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "mean-field Normal over REAL global latents (loc, softplus scale)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(INIT_LOC, INIT_SCALE);
  }

  @Override
  public Set<Support> supports() {
    return MeanFieldNormal.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    return new MeanFieldNormal(model.latents(), options.get(INIT_LOC), options.get(INIT_SCALE));
  }
}
