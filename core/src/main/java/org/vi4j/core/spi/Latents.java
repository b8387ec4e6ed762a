package org.vi4j.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vi4j.core.autodiff.Tensor;

/**
 * The sampled values of a model's latent blocks for a number of particles: what a
 * {@link VariationalFamily} draws and a {@link Model} scores.
 *
 * <pre>{@code
 * Latents z = Latents.builder(particles)
 *     .put("rate", rate)          // GLOBAL, particles x 64
 *     .put("z", codes)            // LOCAL,  (particles·B) x 20
 *     .build();
 * Tensor rate = z.get("rate");
 * int row = Latents.localRow(p, i, batch.size());   // row of particle p, batch row i in "z"
 * }</pre>
 *
 * <p><strong>Layout.</strong> For a GLOBAL block of size d, {@code get(name)} is
 * {@code particles x d}: row p is particle p. For a LOCAL block of size d it is
 * {@code (particles·B) x d}, B = {@link Batch#size()}, <em>particle-major</em>: row
 * {@code p·B + i} holds particle p's value for the batch's i-th row (data row
 * {@code batch.row(i)}). So the rows of one particle are contiguous, {@code slice(p·B, (p+1)·B, …)}
 * is particle p's block, and a per-row term reshaped to {@code particles x B} sums over the batch
 * per particle.
 *
 * <p><strong>Immutable view.</strong> The map cannot change after {@link Builder#build()}. The
 * tensors are not copied: they are usually nodes of the current {@link org.vi4j.core.autodiff.Tape}
 * (so gradients flow from the log joint back to the guide's parameters) and are valid only until
 * that tape is reset.
 */
public final class Latents {

  private final int particles;
  private final Map<String, Tensor> values;

  private Latents(int particles, Map<String, Tensor> values) {
    this.particles = particles;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Latents from a name → tensor map (insertion order kept). Every tensor must have a positive
   * multiple of {@code particles} rows.
   */
  public static Latents of(int particles, Map<String, Tensor> values) {
    Builder b = builder(particles);
    Objects.requireNonNull(values, "values").forEach(b::put);
    return b.build();
  }

  /** A builder for {@code particles} particles (&gt; 0). */
  public static Builder builder(int particles) {
    return new Builder(particles);
  }

  /** Row of particle {@code p}, batch row {@code i} in a LOCAL block for a batch of size {@code b}. */
  public static int localRow(int p, int i, int b) {
    return p * b + i;
  }

  /** Number of particles (rows of a GLOBAL block). */
  public int particles() {
    return particles;
  }

  /** The block with this name; an unknown name lists the known ones. */
  public Tensor get(String name) {
    Tensor t = values.get(name);
    if (t == null) {
      throw new IllegalArgumentException("Latents: no latent named '" + name + "'; known: "
          + values.keySet());
    }
    return t;
  }

  /** True if a block has this name. */
  public boolean contains(String name) {
    return values.containsKey(name);
  }

  /** The names, in insertion order. */
  public Set<String> names() {
    return values.keySet();
  }

  /** name → tensor, in insertion order; unmodifiable. */
  public Map<String, Tensor> asMap() {
    return values;
  }

  /**
   * Checks these values against a spec for a batch of {@code batchSize} rows: every latent of the
   * spec present, no extra names, and each tensor shaped as the class javadoc says. All mismatches
   * are reported in one {@link IllegalArgumentException}.
   *
   * @return this, for chaining
   */
  public Latents checkAgainst(LatentSpec spec, int batchSize) {
    List<String> problems = new ArrayList<>();
    for (Latent l : spec.latents()) {
      Tensor t = values.get(l.name());
      if (t == null) {
        problems.add("latent '" + l.name() + "' is missing");
        continue;
      }
      int rows = l.local() ? particles * batchSize : particles;
      if (t.rows() != rows || t.cols() != l.size()) {
        problems.add("latent '" + l.name() + "' (" + l.scope() + ", size " + l.size() + ") is "
            + t.shape() + ", expected " + rows + "x" + l.size()
            + (l.local() ? " (particles " + particles + " · batch " + batchSize + ")" : ""));
      }
    }
    for (String name : values.keySet()) {
      if (!spec.contains(name)) {
        problems.add("latent '" + name + "' is not in the model's spec " + spec.names());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Latents do not match the spec: " + String.join("; ", problems));
    }
    return this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Latents[particles=").append(particles);
    values.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v.shape()));
    return sb.append(']').toString();
  }

  /** Collects blocks for {@link Latents}; not reusable after {@link #build()}. */
  public static final class Builder {
    private final int particles;
    private Map<String, Tensor> values = new LinkedHashMap<>();

    private Builder(int particles) {
      if (!(particles > 0)) {
        throw new IllegalArgumentException("Latents: particles must be > 0, got " + particles);
      }
      this.particles = particles;
    }

    /** Adds a block; the name must be new and the rows a positive multiple of the particles. */
    public Builder put(String name, Tensor value) {
      if (values == null) {
        throw new IllegalStateException("Latents.Builder: already built");
      }
      if (!Latent.validName(name)) {
        throw new IllegalArgumentException("Latents: name '" + name + "' is not a valid latent name");
      }
      Objects.requireNonNull(value, () -> "Latents: value of '" + name + "' is null");
      if (values.containsKey(name)) {
        throw new IllegalArgumentException("Latents: latent '" + name + "' given twice");
      }
      if (value.rows() % particles != 0) {
        throw new IllegalArgumentException("Latents: '" + name + "' has " + value.rows()
            + " rows, not a multiple of " + particles + " particles (GLOBAL: particles rows, "
            + "LOCAL: particles·B rows)");
      }
      values.put(name, value);
      return this;
    }

    /** The immutable {@link Latents}. */
    public Latents build() {
      if (values == null) {
        throw new IllegalStateException("Latents.Builder: already built");
      }
      Latents z = new Latents(particles, values);
      values = null;
      return z;
    }
  }
}
