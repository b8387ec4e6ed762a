package org.vi4j.guides.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.VariationalFamily;

/**
 * Base of the guides over a model's GLOBAL latents: one independent block per latent, in
 * {@link LatentSpec} order, with log q(z) = Σ over blocks of the block's log density.
 *
 * <pre>{@code
 * final class MyGuide extends GlobalGuide {
 *   MyGuide(LatentSpec spec) {
 *     super("my-guide", spec, EnumSet.of(Support.REAL));   // refuses other supports, LOCAL latents
 *     for (Latent l : latents().latents()) { params.add(l.name() + ".loc", 1, l.size(), 0.0); }
 *   }
 *   protected BlockDraw drawBlock(Latent l, Rng rng, int particles) { ... }
 * }
 * }</pre>
 *
 * <p><strong>Create-time checks.</strong> The constructor refuses, in one
 * {@link IllegalArgumentException} listing every offending latent, a LOCAL latent (amortised
 * guides come later) and a latent whose support is outside {@link #supports()}, naming the latent,
 * its support and the supported set.
 */
public abstract class GlobalGuide implements VariationalFamily {

  private final String guideName;
  private final LatentSpec latents;
  private final Set<Support> supports;
  /** φ, named {@code <latent>.<param>}; subclasses add to it in their constructors. */
  protected final ParamStore params = new ParamStore();

  /**
   * @param guideName the plugin name, for messages
   * @param latents the model's latents. Not modified.
   * @param supports what the guide can represent (an unmodifiable set, the provider's)
   * @throws IllegalArgumentException if a latent is LOCAL or outside {@code supports}
   */
  protected GlobalGuide(String guideName, LatentSpec latents, Set<Support> supports) {
    this.guideName = Objects.requireNonNull(guideName, "guideName");
    this.latents = Objects.requireNonNull(latents, () -> "Guide '" + guideName + "': latents must not be null");
    this.supports = Objects.requireNonNull(supports, "supports");
    List<String> problems = new ArrayList<>();
    for (Latent l : latents.latents()) {
      if (!supports.contains(l.support())) {
        problems.add("latent " + l.describe() + " has support " + l.support()
            + ", which it does not support; supported: " + supports);
      }
      if (l.local()) {
        problems.add("latent " + l.describe() + " is LOCAL; it covers GLOBAL latents only "
            + "(amortised guides for LOCAL latents come in a later release)");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Guide '" + guideName + "' cannot represent this model: "
          + String.join("; ", problems));
    }
  }

  /** The plugin name. */
  public final String guideName() {
    return guideName;
  }

  /** The model's latents this guide was built for. */
  public final LatentSpec latents() {
    return latents;
  }

  @Override
  public final ParamStore parameters() {
    return params;
  }

  @Override
  public final Set<Support> supports() {
    return supports;
  }

  /**
   * Every latent's block, {@code particles x size}, and log q = Σ blocks' log densities,
   * {@code particles x 1}. The batch is not read (GLOBAL latents only).
   */
  @Override
  public final Draw draw(Batch batch, Rng rng, int particles) {
    if (!(particles > 0)) {
      throw new IllegalArgumentException("Guide '" + guideName + "': particles must be > 0, got "
          + particles);
    }
    Objects.requireNonNull(rng, () -> "Guide '" + guideName + "': rng must not be null");
    Latents.Builder z = Latents.builder(particles);
    Tensor logQ = null;
    for (Latent l : latents.latents()) {
      BlockDraw d = drawBlock(l, rng, particles);
      z.put(l.name(), d.value());
      logQ = logQ == null ? d.logQ() : logQ.add(d.logQ());
    }
    return new Draw(z.build(), logQ);
  }

  /** One latent's values (particles x size) and log density (particles x 1). */
  protected abstract BlockDraw drawBlock(Latent latent, Rng rng, int particles);

  /** The latent with this name; an unknown name is an IAE naming the guide and the known ones. */
  protected final Latent latent(String name) {
    if (name == null || !latents.contains(name)) {
      throw new IllegalArgumentException("Guide '" + guideName + "': no latent named '" + name
          + "'; known: " + latents.names());
    }
    return latents.get(name);
  }

  /** The latents' names, in order (for {@code FactorizedFamily.factorLatents}). */
  protected final List<String> names() {
    return latents.names();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + guideName + ", " + latents.names() + "]";
  }
}
