package org.vi4j.optimizers.cavi;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;

/** The {@code cavi} plugin: {@link Cavi}. Option: {@code rho} (1 = plain coordinate ascent). */
public final class CaviProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "cavi";

  /** ρ, the blend of new and old natural parameters. */
  public static final OptionSpec<Double> RHO = OptionSpec.real("rho", 1.0,
      "step: eta = (1 - rho) eta_old + rho eta_optimal (1 = plain CAVI)")
      .satisfying(v -> v > 0 && v <= 1, "in (0, 1]");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Coordinate-ascent VI with closed-form conjugate updates (Bishop 2006; Blei et al. 2017)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(RHO);
  }

  @Override
  public Cavi create(Options options) {
    return new Cavi(options.get(RHO));
  }
}
