package org.vi4j.guides.fullranknormal;

import java.util.List;
import java.util.Set;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/** Provides {@link FullRankNormal} as {@code full-rank-normal}. */
public final class FullRankNormalProvider implements GuideProvider {

  public static final String NAME = "full-rank-normal";
  /** Initial μ of every element. */
  public static final OptionSpec<Double> INIT_LOC =
      OptionSpec.real("init-loc", 0.0, "initial mean of every element");
  /** Initial diagonal of the Cholesky factor (L = init-scale·I). */
  public static final OptionSpec<Double> INIT_SCALE =
      OptionSpec.real("init-scale", 0.1, "initial Cholesky diagonal (L = init-scale * I)").positive();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "full-rank Normal (Cholesky factor) per REAL global latent block";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(INIT_LOC, INIT_SCALE);
  }

  @Override
  public Set<Support> supports() {
    return FullRankNormal.SUPPORTS;
  }

  @Override
  public VariationalFamily create(Model model, Options options) {
    return new FullRankNormal(model.latents(), options.get(INIT_LOC), options.get(INIT_SCALE));
  }
}
