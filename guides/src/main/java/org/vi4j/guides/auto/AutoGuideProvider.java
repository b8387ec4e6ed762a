package org.vi4j.guides.auto;

import java.util.List;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/** Provides {@link AutoGuide} as {@code auto}. */
public final class AutoGuideProvider implements GuideProvider {

  public static final String NAME = "auto";
  /** Diagonal (mean-field ADVI) or full (full-rank ADVI) covariance per latent. */
  public static final OptionSpec<Covariance> COVARIANCE = OptionSpec.choice("covariance",
      Covariance.class, Covariance.DIAGONAL, "Normal covariance on the unconstrained space per latent");
  /** Initial μ on the unconstrained space. */
  public static final OptionSpec<Double> INIT_LOC = OptionSpec.real("init-loc", 0.0,
      "initial mean of every element on the unconstrained space");
  /** Initial σ on the unconstrained space (Pyro's AutoNormal init_scale). */
  public static final OptionSpec<Double> INIT_SCALE = OptionSpec.real("init-scale", 0.1,
      "initial standard deviation on the unconstrained space").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "ADVI: Normal on the unconstrained space pushed through each support's bijector";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(COVARIANCE, INIT_LOC, INIT_SCALE);
  }

  @Override
  public Set<Support> supports() {
    return AutoGuide.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    return new AutoGuide(model.latents(), options.get(COVARIANCE), options.get(INIT_LOC),
        options.get(INIT_SCALE));
  }
}
