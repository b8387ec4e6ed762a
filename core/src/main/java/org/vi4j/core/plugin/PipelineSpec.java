package org.vi4j.core.plugin;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A pipeline by name: which model, guide, estimator and optimizer, plus options for each part
 * keyed {@code part.option} ({@code optimizer.lr}, {@code model.k}, {@code run.steps}).
 *
 * <pre>{@code
 * PipelineSpec spec = PipelineSpec.of("poisson-gamma", "gamma", "reparam", "adam")
 *     .with("optimizer.lr", 0.2)
 *     .with("estimator.particles", 128)
 *     .with("run.steps", 5000);
 * spec.optionsFor("optimizer");        // Options{lr=0.2}
 * }</pre>
 *
 * <p>Immutable: {@code with…} returns a new spec. Parts are {@link #PARTS}; {@code run.*} options
 * belong to the inference loop, which validates them. Values are stored as strings (as a command
 * line gives them: {@code --set optimizer.lr=0.2}) and parsed by each provider's
 * {@link OptionSpec}s. Names are not checked here but by {@link Pipeline#from}, which reports every
 * problem at once.
 *
 * @param model the model's plugin name
 * @param guide the guide's (variational family's) plugin name
 * @param estimator the gradient estimator's plugin name
 * @param optimizer the optimizer's plugin name
 * @param options {@code part.option} → value, sorted
 */
public record PipelineSpec(String model, String guide, String estimator, String optimizer,
    Map<String, String> options) {

  /** The option prefixes: the four parts and {@code run} (the inference loop). */
  public static final List<String> PARTS = List.of(Plugins.MODEL, Plugins.GUIDE, Plugins.ESTIMATOR,
      Plugins.OPTIMIZER, "run");

  /** Checks the names are present and every option key is {@code part.option}. */
  public PipelineSpec {
    requireName(Plugins.MODEL, model);
    requireName(Plugins.GUIDE, guide);
    requireName(Plugins.ESTIMATOR, estimator);
    requireName(Plugins.OPTIMIZER, optimizer);
    Objects.requireNonNull(options, "PipelineSpec: options must not be null");
    TreeMap<String, String> copy = new TreeMap<>();
    options.forEach((k, v) -> {
      checkKey(k);
      if (v == null) {
        throw new IllegalArgumentException("PipelineSpec: option '" + k + "' has a null value");
      }
      copy.put(k, v);
    });
    options = Collections.unmodifiableMap(copy);
  }

  private static void requireName(String part, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("PipelineSpec: the " + part + " name must not be empty");
    }
  }

  private static void checkKey(String key) {
    int dot = key == null ? -1 : key.indexOf('.');
    if (dot <= 0 || dot == key.length() - 1) {
      throw new IllegalArgumentException("PipelineSpec: option key '" + key
          + "' must be part.option, part one of " + PARTS + " (e.g. optimizer.lr)");
    }
    String part = key.substring(0, dot);
    if (!PARTS.contains(part)) {
      throw new IllegalArgumentException("PipelineSpec: option key '" + key + "' has unknown part '"
          + part + "';" + Suggestions.didYouMean(part, PARTS) + " parts: " + PARTS);
    }
  }

  /** A spec of four names and no options. */
  public static PipelineSpec of(String model, String guide, String estimator, String optimizer) {
    return new PipelineSpec(model, guide, estimator, optimizer, Map.of());
  }

  /**
   * This spec with {@code key = value} ({@code "optimizer.lr", 0.2}); a previous value of the key
   * is replaced. The value is stored as {@code String.valueOf(value)}.
   */
  public PipelineSpec with(String key, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("PipelineSpec.with: value of '" + key + "' must not be null");
    }
    TreeMap<String, String> m = new TreeMap<>(options);
    m.put(key, String.valueOf(value));
    return new PipelineSpec(model, guide, estimator, optimizer, m);
  }

  /** This spec with every entry of {@code more} added (as {@link #with}). */
  public PipelineSpec withAll(Map<String, ?> more) {
    PipelineSpec s = this;
    for (Map.Entry<String, ?> e : new TreeMap<>(more).entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return s;
  }

  /** The name chosen for a part ({@code "model"}, {@code "guide"}, …). */
  public String name(String part) {
    return switch (part) {
      case Plugins.MODEL -> model;
      case Plugins.GUIDE -> guide;
      case Plugins.ESTIMATOR -> estimator;
      case Plugins.OPTIMIZER -> optimizer;
      default -> throw new IllegalArgumentException("PipelineSpec: no plugin part '" + part
          + "'; parts with a plugin: " + PARTS.subList(0, 4));
    };
  }

  /** The options of one part, prefix removed: {@code optionsFor("optimizer")} → {@code {lr=0.2}}. */
  public Options optionsFor(String part) {
    if (!PARTS.contains(part)) {
      throw new IllegalArgumentException("PipelineSpec: unknown part '" + part + "'; parts: " + PARTS);
    }
    String prefix = part + ".";
    Map<String, String> m = new TreeMap<>();
    options.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        m.put(k.substring(prefix.length()), v);
      }
    });
    return Options.of(m);
  }

  /** "model=a, guide=b, estimator=c, optimizer=d". */
  public String describe() {
    return "model=" + model + ", guide=" + guide + ", estimator=" + estimator + ", optimizer="
        + optimizer;
  }
}
