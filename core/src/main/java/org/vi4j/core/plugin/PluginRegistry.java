package org.vi4j.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one SPI by name, found with {@link ServiceLoader} (Lucene's
 * {@code NamedSPILoader} pattern, as an instance instead of a static holder).
 *
 * <pre>{@code
 * PluginRegistry<ModelProvider> models =
 *     PluginRegistry.load("model", ModelProvider.class, getClass().getClassLoader());
 * models.available();                          // [exp-gaussian, poisson-gamma, ...] sorted
 * ModelProvider p = models.lookup("Exp-Gaussian");     // any case
 * Model m = p.create(models.checkOptions("exp-gaussian", Options.of(Map.of("x", "2"))));
 * }</pre>
 *
 * <p><strong>Names are checked when loading</strong>: each must match {@code ^[a-z][a-z0-9-]*$},
 * and two providers with the same name are an error naming both classes; all such problems are
 * reported together in one {@link IllegalArgumentException}. <strong>A provider that fails to
 * load or instantiate does not stop the others</strong>: it is logged (SLF4J, WARN) and listed in
 * {@link #failures()}, and a lookup of its name says so. Lookups are case-insensitive; an unknown
 * name lists the available names and the nearest match.
 *
 * <p>Immutable after construction (a {@link Map#copyOf} snapshot); thread-safe.
 */
public final class PluginRegistry<P extends Provider> {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

  /** Plugin names: lower case, digits and '-', starting with a letter. */
  public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]*$");

  private final String kind;
  private final Class<P> type;
  private final Map<String, P> byName;
  private final List<String> available;
  private final List<PluginLoadFailure> failures;

  private PluginRegistry(String kind, Class<P> type, Collection<? extends P> providers,
      List<PluginLoadFailure> failures) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.type = Objects.requireNonNull(type, "type");
    Map<String, P> m = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (P p : providers) {
      if (p == null) {
        problems.add("a null " + kind + " provider was given");
        continue;
      }
      String name;
      try {
        name = p.name();
      } catch (RuntimeException e) {
        problems.add(kind + " provider " + p.getClass().getName() + " failed in name(): " + e);
        continue;
      }
      if (name == null || !NAME.matcher(name).matches()) {
        problems.add(kind + " provider " + p.getClass().getName() + " has name '" + name
            + "', which is not accepted: use lower-case letters, digits and '-', starting with a "
            + "letter (e.g. exp-gaussian)");
        continue;
      }
      P previous = m.putIfAbsent(name, p);
      if (previous != null) {
        problems.add("Duplicate " + kind + " name '" + name + "': provided by both "
            + previous.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.size() == 1 ? problems.get(0)
          : "Invalid " + kind + " providers:\n  - " + String.join("\n  - ", problems));
    }
    this.byName = Map.copyOf(m);
    this.available = List.copyOf(m.keySet());
    this.failures = List.copyOf(failures);
  }

  /**
   * The providers of {@code type} listed in {@code META-INF/services/<type's name>} visible to
   * {@code loader}.
   *
   * @param kind the SPI kind for messages, e.g. {@code "model"}
   * @throws IllegalArgumentException on invalid or duplicate names (not on instantiation failures)
   */
  public static <P extends Provider> PluginRegistry<P> load(String kind, Class<P> type,
      ClassLoader loader) {
    List<P> found = new ArrayList<>();
    List<PluginLoadFailure> failures = new ArrayList<>();
    Iterator<ServiceLoader.Provider<P>> it = ServiceLoader.load(type, loader).stream().iterator();
    int consecutiveErrors = 0;
    while (consecutiveErrors < 100) {
      ServiceLoader.Provider<P> handle;
      try {
        if (!it.hasNext()) {
          break;
        }
        handle = it.next();
      } catch (ServiceConfigurationError e) {
        consecutiveErrors++;
        fail(failures, kind, "?", e);
        continue;
      }
      consecutiveErrors = 0;
      String className = handle.type().getName();
      try {
        found.add(handle.get());
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        fail(failures, kind, className, e);
      }
    }
    return new PluginRegistry<>(kind, type, found, failures);
  }

  private static void fail(List<PluginLoadFailure> failures, String kind, String className,
      Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    PluginLoadFailure f = new PluginLoadFailure(kind, className, message, e);
    failures.add(f);
    LOG.warn("{}", f.describe(), e);
  }

  /** A registry of exactly {@code providers} (tests, jars loaded later, Guice map bindings). */
  public static <P extends Provider> PluginRegistry<P> of(String kind, Class<P> type,
      Collection<? extends P> providers) {
    return new PluginRegistry<>(kind, type, providers, List.of());
  }

  /** {@link #of} that also carries load failures seen elsewhere. */
  public static <P extends Provider> PluginRegistry<P> of(String kind, Class<P> type,
      Collection<? extends P> providers, List<PluginLoadFailure> failures) {
    return new PluginRegistry<>(kind, type, providers, failures);
  }

  /** The SPI kind, e.g. {@code "model"}. */
  public String kind() {
    return kind;
  }

  /** The provider interface. */
  public Class<P> type() {
    return type;
  }

  /**
   * The provider with this name, any case.
   *
   * @throws IllegalArgumentException for an unknown name, listing the available names and the
   *     nearest match (and the load failure, if a provider by a similar class failed to load)
   */
  public P lookup(String name) {
    if (name == null) {
      throw new IllegalArgumentException(kind + " name must not be null; available " + kind + "s: "
          + available);
    }
    P p = byName.get(name.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new IllegalArgumentException(unknownMessage(name));
    }
    return p;
  }

  /** The message {@link #lookup} throws for an unknown name. */
  public String unknownMessage(String name) {
    StringBuilder sb = new StringBuilder("Unknown ").append(kind).append(" '").append(name)
        .append("'.").append(Suggestions.didYouMean(name, available))
        .append(" Available ").append(kind).append("s: ").append(available).append('.');
    if (!failures.isEmpty()) {
      sb.append(" Failed to load: ").append(failures.stream().map(PluginLoadFailure::className).toList())
          .append('.');
    }
    sb.append(" Plugins are found when a jar on the class path lists them in META-INF/services/")
        .append(type.getName()).append('.');
    return sb.toString();
  }

  /** The provider with this name, any case, if there is one. */
  public Optional<P> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** True if a provider has this name (any case). */
  public boolean contains(String name) {
    return find(name).isPresent();
  }

  /** The nearest available name to {@code name}, if one is close. */
  public Optional<String> nearest(String name) {
    return Suggestions.nearest(name, available);
  }

  /** The names, sorted. */
  public List<String> available() {
    return available;
  }

  /** The providers, sorted by name. */
  public List<P> providers() {
    return available.stream().map(byName::get).toList();
  }

  /** name → provider, immutable. */
  public Map<String, P> asMap() {
    return byName;
  }

  /** Providers that were listed but could not be loaded, in discovery order. */
  public List<PluginLoadFailure> failures() {
    return failures;
  }

  /** "kind 'name'", the owner label used in option messages. */
  public String label(String name) {
    return kind + " '" + name.toLowerCase(Locale.ROOT) + "'";
  }

  /**
   * Every problem with {@code name} and {@code options}: an unknown name, or the option problems
   * found by {@link Options#problems} against the provider's {@link Provider#options()}.
   */
  public List<String> problems(String name, Options options) {
    Optional<P> p = find(name);
    if (p.isEmpty()) {
      return List.of(unknownMessage(name));
    }
    return options.problems(label(name), p.get().options());
  }

  /**
   * {@code options} validated against the named provider's {@link Provider#options()}: what its
   * {@code create} must be given.
   *
   * @throws IllegalArgumentException for an unknown name or any option problem, all listed
   */
  public Options checkOptions(String name, Options options) {
    return options.checkedFor(label(name), lookup(name).options());
  }

  @Override
  public String toString() {
    return "PluginRegistry[" + kind + ": " + available + "]";
  }
}
