package org.vi4j.core.plugin;

import java.util.List;

/**
 * What every plugin provider declares: a name, a one-line description and its typed options.
 * The SPI-specific sub-interfaces ({@link ModelProvider}, {@link GuideProvider},
 * {@link EstimatorProvider}, {@link OptimizerProvider}) add {@code create}.
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
 * <p><strong>Contract.</strong> {@code name()} returns the class's {@code public static final
 * String NAME}, matching {@code ^[a-z][a-z0-9-]*$}, unique among providers of the same SPI.
 * {@link #options()} lists every option {@code create} reads, with its default defined there once;
 * the registry rejects unknown keys and ill-typed values <em>before</em> {@code create} is called,
 * and {@link Options#get} refuses a spec that {@code options()} does not declare. A provider has a
 * public no-argument constructor (for {@link java.util.ServiceLoader}), is stateless and cheap to
 * construct: do work in {@code create}.
 */
public interface Provider {

  /** The plugin's name, e.g. {@code "exp-gaussian"}. */
  String name();

  /** One line for {@code vi4j list}. */
  String description();

  /** The options {@code create} accepts; empty by default. */
  default List<OptionSpec<?>> options() {
    return List.of();
  }
}
