package org.vi4j.core.spi;

import org.vi4j.core.distributions.Support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ordered, immutable list of a {@link Model}'s latent blocks.
 *
 * <pre>{@code
 * LatentSpec spec = LatentSpec.of(
 *     Latent.global("weights", 5, Support.REAL),
 *     Latent.local("z", 2, Support.REAL));
 * spec.get("z").size();                              // 2
 * spec.unsupportedBy(Set.of(Support.REAL));          // [] : a Normal guide covers everything
 * }</pre>
 *
 * <p><strong>Names are distinct</strong> and the list is not empty; the order is the model's and
 * is kept by guides and estimators (e.g. for a CAVI sweep).
 *
 * @param latents the blocks, in order
 */
public record LatentSpec(List<Latent> latents) {

  /** Copies the list and validates: not empty, no nulls, no duplicate names. */
  public LatentSpec {
    if (latents == null || latents.isEmpty()) {
      throw new IllegalArgumentException("LatentSpec: a model needs at least one latent");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < latents.size(); i++) {
      Latent l = latents.get(i);
      if (l == null) {
        throw new IllegalArgumentException("LatentSpec: latent " + i + " is null");
      }
      if (!seen.add(l.name())) {
        throw new IllegalArgumentException("LatentSpec: duplicate latent name '" + l.name()
            + "' (positions " + indexOf(latents, l.name()) + " and " + i + ")");
      }
    }
    latents = List.copyOf(latents);
  }

  private static int indexOf(List<Latent> latents, String name) {
    for (int i = 0; i < latents.size(); i++) {
      if (latents.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A spec of the given blocks, in order. */
  public static LatentSpec of(Latent... latents) {
    return new LatentSpec(List.of(Objects.requireNonNull(latents, "latents")));
  }

  /** A spec of the given blocks, in order. */
  public static LatentSpec of(Collection<Latent> latents) {
    return new LatentSpec(new ArrayList<>(latents));
  }

  /** The block with this name; an unknown name lists the known ones. */
  public Latent get(String name) {
    for (Latent l : latents) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    throw new IllegalArgumentException("LatentSpec: no latent named '" + name + "'; known: " + names());
  }

  /** True if a block has this name. */
  public boolean contains(String name) {
    return indexOf(latents, name) >= 0;
  }

  /** The names, in order. */
  public List<String> names() {
    return latents.stream().map(Latent::name).toList();
  }

  /** Number of blocks. */
  public int count() {
    return latents.size();
  }

  /** True if any block is LOCAL. */
  public boolean hasLocal() {
    return latents.stream().anyMatch(Latent::local);
  }

  /** True if any block is discrete ({@link Support#discrete()}). */
  public boolean hasDiscrete() {
    return latents.stream().anyMatch(l -> l.support().discrete());
  }

  /** The blocks of one scope, in order. */
  public List<Latent> ofScope(Scope scope) {
    return latents.stream().filter(l -> l.scope() == scope).toList();
  }

  /**
   * The blocks whose support is not in {@code supported}, in order: what a guide covering only
   * {@code supported} cannot represent.
   */
  public List<Latent> unsupportedBy(Set<Support> supported) {
    Objects.requireNonNull(supported, "supported");
    return latents.stream().filter(l -> !supported.contains(l.support())).toList();
  }

  /** name → block, in order. */
  public Map<String, Latent> asMap() {
    Map<String, Latent> m = new LinkedHashMap<>();
    latents.forEach(l -> m.put(l.name(), l));
    return java.util.Collections.unmodifiableMap(m);
  }
}
