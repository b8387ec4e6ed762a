package org.vi4j.core.plugin;

import org.vi4j.core.spi.Optimizer;

/**
 * Provides an {@link Optimizer} by name; listed in
 * {@code META-INF/services/org.vi4j.core.plugin.OptimizerProvider}.
 *
 * <pre>{@code
 * public final class AdamProvider implements OptimizerProvider {
 *   public static final String NAME = "adam";
 *   static final OptionSpec<Double> LR = OptionSpec.real("lr", 1e-3, "step size").positive();
 *   public String name() { return NAME; }
 *   public String description() { return "Adam (Kingma & Ba 2015)"; }
 *   public List<OptionSpec<?>> options() { return List.of(LR); }
 *   public Optimizer create(Options options) { return new Adam(options.get(LR)); }
 * }
 * }</pre>
 *
 * <p>See {@link Provider} for the naming and options contract.
 */
public interface OptimizerProvider extends Provider {

  /** A new optimizer (no state yet) configured by validated {@code options}. */
  Optimizer create(Options options);
}
