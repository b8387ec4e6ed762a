package org.vi4j.optimizers.svi;

import java.util.List;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;

/**
 * The {@code svi} plugin: {@link Svi}, stochastic variational inference on the loop's minibatches
 * ({@code run.batch-size}). Options: {@code tau0} (τ0, default 10), {@code kappa} (κ, default 0.7;
 * scikit-learn's {@code learning_offset} and {@code learning_decay}), {@code threads} (0: all
 * available processors).
 *
 * <pre>{@code
 * // vi4j run --model lda --guide lda --estimator closed-form --optimizer svi --steps 200 \
 * //     --set run.batch-size=256 --set optimizer.kappa=0.6
 * }</pre>
 */
public final class SviProvider implements OptimizerProvider {

  /** The plugin name. */
  public static final String NAME = "svi";

  /** τ0. */
  public static final OptionSpec<Double> TAU0 = OptionSpec.real("tau0", 10.0,
      "delay tau0 of the step size rho_t = (tau0 + t)^-kappa, t = 1, 2, ...")
      .nonNegative().satisfying(Double::isFinite, "finite");
  /** κ. */
  public static final OptionSpec<Double> KAPPA = OptionSpec.real("kappa", 0.7,
      "forgetting rate kappa of rho_t = (tau0 + t)^-kappa; (0.5, 1] for convergence")
      .satisfying(k -> k > 0.5 && k <= 1, "in (0.5, 1]");
  /** Threads of the local step. */
  public static final OptionSpec<Integer> THREADS = OptionSpec.integer("threads", 0,
      "threads for the local step (results do not depend on it); 0: all available processors")
      .nonNegative();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "stochastic variational inference, natural-gradient steps on minibatches "
        + "(Hoffman et al. 2010, 2013)";
  }

  @Override
  public List<OptionSpec<?>> options() {
    return List.of(TAU0, KAPPA, THREADS);
  }

  @Override
  public Svi create(Options options) {
    return new Svi(options.get(TAU0), options.get(KAPPA), options.get(THREADS));
  }
}
