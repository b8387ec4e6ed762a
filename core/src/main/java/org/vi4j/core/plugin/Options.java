package org.vi4j.core.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The option values given to one plugin: raw key → value pairs (strings from a command line such as
 * {@code --set model.k=4}, or typed values from code), read back typed through {@link OptionSpec}s.
 *
 * <pre>{@code
 * Options raw = Options.of(Map.of("lr", "0.2"));          // or Options.empty().with("lr", 0.2)
 * Options checked = raw.checkedFor("optimizer 'adam'", provider.options());   // rejects unknown keys
 * double lr = checked.get(AdamProvider.LR);               // 0.2; a missing key gives the default
 * }</pre>
 *
 * <p><strong>Validation happens before {@code create}.</strong> The registry calls
 * {@link #checkedFor} with the provider's {@link Provider#options()}: an unknown key, an unparsable
 * or out-of-range value, or a missing required option fails there, all problems in one message
 * ({@code "Unknown options for model 'exp-gaussian': [foo]; accepted: [prior-rate, x]"}). The
 * checked {@code Options} then refuses to {@link #get} an option the provider did not declare, so a
 * provider cannot read an option that was never validated.
 *
 * <p>Immutable; keys are kept sorted.
 */
public final class Options {

  private static final Options EMPTY = new Options(new TreeMap<>(), null, null);

  private final Map<String, Object> raw;
  /** Who these options are for, once checked; null before. */
  private final String owner;
  /** The declared specs by key, once checked; null before. */
  private final Map<String, OptionSpec<?>> declared;

  private Options(TreeMap<String, Object> raw, String owner, Map<String, OptionSpec<?>> declared) {
    this.raw = Collections.unmodifiableMap(raw);
    this.owner = owner;
    this.declared = declared;
  }

  /** No options: every option takes its default. */
  public static Options empty() {
    return EMPTY;
  }

  /** Options from key → value pairs; values are strings to parse or typed values. */
  public static Options of(Map<String, ?> values) {
    Objects.requireNonNull(values, "values");
    TreeMap<String, Object> m = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new IllegalArgumentException("Options: null key or value in " + values);
      }
      m.put(k, v);
    });
    return new Options(m, null, null);
  }

  /** These options plus {@code key = value} (replacing a previous value); unchecked again. */
  public Options with(String key, Object value) {
    if (key == null || value == null) {
      throw new IllegalArgumentException("Options.with: key and value must not be null");
    }
    TreeMap<String, Object> m = new TreeMap<>(raw);
    m.put(key, value);
    return new Options(m, null, null);
  }

  /** The keys given, sorted. */
  public Set<String> keys() {
    return raw.keySet();
  }

  /** The raw values given, sorted by key. */
  public Map<String, Object> asMap() {
    return raw;
  }

  /** True if no option was given. */
  public boolean isEmpty() {
    return raw.isEmpty();
  }

  /** True if these options passed {@link #checkedFor}. */
  public boolean isChecked() {
    return declared != null;
  }

  /**
   * The value of {@code spec}: the given one, converted and checked, or the default.
   *
   * @throws IllegalArgumentException if the value is ill-typed or out of range, or a required
   *     option is missing
   * @throws IllegalStateException if these options were checked against specs that do not
   *     include {@code spec} (a provider reading an option its {@code options()} does not list)
   */
  public <T> T get(OptionSpec<T> spec) {
    Objects.requireNonNull(spec, "spec");
    if (declared != null && declared.get(spec.key()) != spec && !spec.equals(declared.get(spec.key()))) {
      throw new IllegalStateException(owner + " reads option '" + spec.key()
          + "' that its options() does not declare; declared: " + declared.keySet());
    }
    Object value = raw.get(spec.key());
    if (value == null) {
      if (spec.isRequired()) {
        throw new IllegalArgumentException("Option '" + spec.key() + "'"
            + (owner == null ? "" : " of " + owner) + " is required: " + spec.description());
      }
      return spec.defaultValue();
    }
    return spec.convert(value, owner);
  }

  /**
   * Every problem of these options against {@code specs}: unknown keys (with the accepted keys and
   * the nearest match), values that do not convert or fail their requirement, missing required
   * options. Empty if there is none.
   *
   * @param owner who the options are for, e.g. {@code "model 'exp-gaussian'"}
   */
  public List<String> problems(String owner, List<OptionSpec<?>> specs) {
    Map<String, OptionSpec<?>> byKey = index(owner, specs);
    List<String> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(raw.keySet());
    unknown.removeAll(byKey.keySet());
    if (!unknown.isEmpty()) {
      StringBuilder sb = new StringBuilder("Unknown options for ").append(owner).append(": ")
          .append(unknown).append("; accepted: ").append(byKey.keySet());
      for (String u : unknown) {
        Suggestions.nearest(u, byKey.keySet())
            .ifPresent(s -> sb.append("; did you mean '").append(s).append("' for '").append(u).append("'?"));
      }
      problems.add(sb.toString());
    }
    for (OptionSpec<?> spec : byKey.values()) {
      Object value = raw.get(spec.key());
      if (value == null) {
        if (spec.isRequired()) {
          problems.add("Option '" + spec.key() + "' of " + owner + " is required: "
              + spec.description());
        }
        continue;
      }
      try {
        spec.convert(value, owner);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  /**
   * These options, validated against {@code specs} and bound to them.
   *
   * @throws IllegalArgumentException listing every problem {@link #problems} finds
   */
  public Options checkedFor(String owner, List<OptionSpec<?>> specs) {
    List<String> problems = problems(owner, specs);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new Options(new TreeMap<>(raw), owner, index(owner, specs));
  }

  private static Map<String, OptionSpec<?>> index(String owner, List<OptionSpec<?>> specs) {
    Objects.requireNonNull(specs, () -> owner + ": options() returned null");
    Map<String, OptionSpec<?>> byKey = new TreeMap<>();
    for (OptionSpec<?> s : specs) {
      Objects.requireNonNull(s, () -> owner + ": options() contains null");
      if (byKey.put(s.key(), s) != null) {
        throw new IllegalStateException(owner + " declares option '" + s.key() + "' twice");
      }
    }
    return Collections.unmodifiableMap(byKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Options other && other.raw.equals(raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "Options" + raw + (owner == null ? "" : " for " + owner);
  }
}
