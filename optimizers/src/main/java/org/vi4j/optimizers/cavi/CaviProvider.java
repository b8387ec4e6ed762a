package org.vi4j.optimizers.cavi;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;

/**
 * The {@code cavi} plugin: {@link Cavi}. Options: {@code rho} (1 = plain coordinate ascent),
 * {@code threads} (the local step of a global/local model such as {@code lda}; 0: all available
 * processors).
 */
public final class CaviProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "cavi";

  /** ρ, the blend of new and old natural parameters. */
  public static final OptionSpec<Double> RHO = OptionSpec.real("rho", 1.0,
      "step: eta = (1 - rho) eta_old + rho eta_optimal (1 = plain CAVI)")
      .satisfying(v -> v > 0 && v <= 1, "in (0, 1]");
  /** Threads of a global/local model's local step. */
  public static final OptionSpec<Integer> THREADS = OptionSpec.integer("threads", 0,
      "threads for the local step of a global/local model such as lda (results do not depend on "
          + "it); 0: all available processors").nonNegative();

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
    return List.of(RHO, THREADS);
  }

  @Override
  public Cavi create(Options options) {
    return new Cavi(options.get(RHO), options.get(THREADS));
  }
}
