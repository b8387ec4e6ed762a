package org.vi4j.core.distributions;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.vi4j.core.autodiff.Tensor;

/**
 * Closed-form Kullback–Leibler divergences KL(p ‖ q) = E_p[log p(x) − log q(x)], looked up by the
 * pair of distribution types (Pyro's {@code register_kl}). Immutable; {@link #standard()} holds the
 * built-in pairs, and {@link #toBuilder()} extends it.
 *
 * <pre>{@code
 * Tensor kl = KlRegistry.standard().kl(q, prior);     // per element, differentiable
 * KlRegistry mine = KlRegistry.standard().toBuilder()
 *     .register(MyDist.class, Normal.class, (p, q) -> ...)
 *     .build();
 * }</pre>
 *
 * <p>The result has the broadcast parameter shape of p and q (one divergence per element), or one
 * per row for row-wise distributions. Asking for a pair with no registered closed form throws an
 * {@link IllegalArgumentException} naming both types and the pairs that exist.
 */
public final class KlRegistry {

  /** The closed form of KL(p ‖ q) for one pair of types. */
  @FunctionalInterface
  public interface KlFunction<P extends Distribution, Q extends Distribution> {
    Tensor kl(P p, Q q);
  }

  private record Pair(Class<?> p, Class<?> q) {}

  private static final KlRegistry STANDARD = StandardKl.register(builder()).build();

  private final Map<Pair, KlFunction<?, ?>> table;
  /** The same pairs by p's class, then q's: looked up without allocating a {@link Pair}. */
  private final Map<Class<?>, Map<Class<?>, KlFunction<?, ?>>> byClass;

  private KlRegistry(Map<Pair, KlFunction<?, ?>> table) {
    this.table = Map.copyOf(table);
    Map<Class<?>, Map<Class<?>, KlFunction<?, ?>>> m = new HashMap<>();
    this.table.forEach((pair, f) -> m.computeIfAbsent(pair.p(), k -> new HashMap<>()).put(pair.q(), f));
    m.replaceAll((k, v) -> Map.copyOf(v));
    this.byClass = Map.copyOf(m);
  }

  /** The closed form for these exact types, or null. */
  private KlFunction<?, ?> lookup(Class<?> p, Class<?> q) {
    Map<Class<?>, KlFunction<?, ?>> row = p == null ? null : byClass.get(p);
    return row == null || q == null ? null : row.get(q);
  }

  /** The built-in closed forms (see {@link StandardKl}). */
  public static KlRegistry standard() {
    return STANDARD;
  }

  public static Builder builder() {
    return new Builder(new HashMap<>());
  }

  /** A builder holding this registry's pairs, to add more. */
  public Builder toBuilder() {
    return new Builder(new HashMap<>(table));
  }

  /** True if KL(p ‖ q) has a registered closed form for these exact types. */
  public boolean has(Class<? extends Distribution> p, Class<? extends Distribution> q) {
    return lookup(p, q) != null;
  }

  /** KL(p ‖ q) in closed form. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Tensor kl(Distribution p, Distribution q) {
    KlFunction f = lookup(p.getClass(), q.getClass());
    if (f == null) {
      TreeSet<String> known = new TreeSet<>();
      for (Pair pair : table.keySet()) {
        known.add(pair.p().getSimpleName() + "‖" + pair.q().getSimpleName());
      }
      throw new IllegalArgumentException("No closed-form KL(" + p.getClass().getSimpleName() + " ‖ "
          + q.getClass().getSimpleName() + ") is registered; known pairs: " + known
          + ". Use a Monte Carlo estimate, or register one with KlRegistry.toBuilder().register(...)");
    }
    return f.kl(p, q);
  }

  /** Collects pairs; a pair registered twice is an error. */
  public static final class Builder {
    private final Map<Pair, KlFunction<?, ?>> table;

    private Builder(Map<Pair, KlFunction<?, ?>> table) {
      this.table = table;
    }

    public <P extends Distribution, Q extends Distribution> Builder register(Class<P> p, Class<Q> q,
        KlFunction<P, Q> f) {
      if (table.putIfAbsent(new Pair(p, q), f) != null) {
        throw new IllegalArgumentException("KL(" + p.getSimpleName() + " ‖ " + q.getSimpleName()
            + ") is registered already");
      }
      return this;
    }

    public KlRegistry build() {
      return new KlRegistry(table);
    }
  }
}
