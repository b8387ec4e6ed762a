package org.vi4j.core.plugin;

import org.vi4j.core.spi.Model;

/**
 * Provides a {@link Model} by name; listed in
 * {@code META-INF/services/org.vi4j.core.plugin.ModelProvider}.
 *
 * <pre>{@code
 * public final class ExpGaussianProvider implements ModelProvider {
 *   public static final String NAME = "exp-gaussian";
 *   static final OptionSpec<Double> X = OptionSpec.real("x", 2.0, "the observation");
 *   public String name() { return NAME; }
 *   public String description() { return "z ~ Exp(1), x ~ N(z, 1); exact evidence"; }
 *   public List<OptionSpec<?>> options() { return List.of(X); }
 *   public Model create(Options options) { return new ExpGaussianModel(options.get(X)); }
 * }
 * }</pre>
 *
 * <p>See {@link Provider} for the naming and options contract.
 */
public interface ModelProvider extends Provider {

  /** A new model configured by {@code options} (already validated against {@link #options()}). */
  Model create(Options options);
}
