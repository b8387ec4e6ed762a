package org.vi4j.guides.gamma;

import java.util.List;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/** Provides {@link GammaGuide} as {@code gamma}. */
public final class GammaGuideProvider implements GuideProvider {

  public static final String NAME = "gamma";
  /** Initial shape α of every element. */
  public static final OptionSpec<Double> INIT_SHAPE =
      OptionSpec.real("init-shape", 1.0, "initial shape of every element").positive();
  /** Initial rate β of every element. */
  public static final OptionSpec<Double> INIT_RATE =
      OptionSpec.real("init-rate", 1.0, "initial rate of every element").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "mean-field Gamma over POSITIVE global latents (implicit reparameterisation; CAVI-ready)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(INIT_SHAPE, INIT_RATE);
  }

  @Override
  public Set<Support> supports() {
    return GammaGuide.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    return new GammaGuide(model.latents(), options.get(INIT_SHAPE), options.get(INIT_RATE));
  }
}
