package org.vi4j.guides.delta;

import java.util.List;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/** Provides {@link DeltaGuide} as {@code delta}. */
public final class DeltaGuideProvider implements GuideProvider {

  public static final String NAME = "delta";
  /** Initial point on the unconstrained space. */
  public static final OptionSpec<Double> INIT_LOC = OptionSpec.real("init-loc", 0.0,
      "initial point of every element on the unconstrained space");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "point mass (MAP) per global latent, through the support's bijector; logQ = 0";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(INIT_LOC);
  }

  @Override
  public Set<Support> supports() {
    return DeltaGuide.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    return new DeltaGuide(model.latents(), options.get(INIT_LOC));
  }
}
