package org.vi4j.guides.amortized;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Bernoulli;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.nn.Init;
import org.vi4j.core.nn.Linear;
import org.vi4j.core.nn.Mlp;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.spi.VariationalFamily;

/**
 * An amortised guide: an MLP encoder maps each data row x<sub>i</sub> to the parameters of
 * q(z<sub>i</sub> | x<sub>i</sub>) for the model's single LOCAL latent block z of size d (Kingma
 * &amp; Welling 2014, "Auto-Encoding Variational Bayes", §3, the recognition model):
 * <pre>
 *   h_i = MLP(x_i)                          (hidden sizes and activation as configured)
 *   REAL z:   q(z_i | x_i) = N(μ_i, diag σ_i²),  μ_i = h_i W_μ + b_μ,  σ_i = link(h_i W_σ + b_σ)
 *   BINARY z: q(z_i | x_i) = Π_j Bernoulli(σ(l_ij)),  l_i = h_i W_l + b_l
 * </pre>
 * link is softplus (default) or exp. The Normal is reparameterised (z = μ + σ ⊙ ε); the Bernoulli
 * is not (use a score-function estimator).
 *
 * <pre>{@code
 * AmortizedGuide q = AmortizedGuide.builder(model.latents(), 784)
 *     .hidden(400).activation(Activation.TANH).seed(1).build();
 * Draw d = q.draw(batch, rng, 1);                  // z: B x 20, logQ: 1 x 1 (scaled N/B)
 * Normal qz = (Normal) q.factor("z");              // B x 20, this batch's q(z_i | x_i)
 * }</pre>
 *
 * <p><strong>Draw.</strong> z is {@code (particles·B) x d}, particle-major (row p·B + i), and
 * log q = (N/B) Σ_i log q(z_{p,i} | x_i) per particle, so log p − log q is unbiased for the
 * full-data ELBO like the model's minibatch-scaled log joint. Like the tape tensors it holds, a
 * {@link Draw} is valid only until the tape is reset: when a later draw's tensors are the same
 * (pooled) objects, the same {@code Draw} object is returned, so a training step allocates none.
 *
 * <p><strong>Factors ({@link FactorizedFamily}).</strong> For this LOCAL latent,
 * {@link #factor(String)} returns the per-row factor computed by the latest {@link #draw}, a
 * distribution with parameter shape B x d whose row i belongs to batch row i (it broadcasts to the
 * draw's particle-major rows), valid on that draw's tape. Before the first draw it is the factor of
 * one all-zero input row (useful only for its type). {@link #factor(String, Batch)} encodes a given
 * batch without drawing (for estimators that enumerate a discrete latent).
 *
 * <p><strong>Parameters.</strong> {@code encoder.<i>.weight|bias} for the hidden layers, then
 * {@code <latent>.loc.*} and {@code <latent>.scale.*} (Normal) or {@code <latent>.logits.*}
 * (Bernoulli). Weights in x out, initialised by {@link Init} from the seed.
 */
public final class AmortizedGuide implements VariationalFamily, FactorizedFamily {

  /** The output link of a Normal's scale. */
  public enum ScaleLink {
    /** σ = log(1 + e^u). */
    SOFTPLUS,
    /** σ = e^u (the log-variance parameterisation, halved, of Kingma &amp; Welling). */
    EXP
  }

  /** REAL (diagonal Normal) and BINARY (Bernoulli) LOCAL latents. */
  public static final Set<Support> SUPPORTS =
      Collections.unmodifiableSet(EnumSet.of(Support.REAL, Support.BINARY));

  private final ParamStore params = new ParamStore();
  private final Latent latent;
  private final int inputSize;
  private final Mlp trunk;
  private final Linear first;
  private final Linear second;
  private final ScaleLink link;
  private final List<String> factorLatents;
  private Distribution last;
  /** The latest encode's factor. */
  private Distribution encoded;
  /** The latest draw, handed out again while z and log q are the same (tape-pooled) tensors. */
  private Draw lastDraw;

  private AmortizedGuide(Builder b) {
    List<Latent> ls = b.latents.latents();
    if (ls.size() != 1 || !ls.get(0).local()) {
      throw new IllegalArgumentException("guide '" + AmortizedProvider.NAME + "' covers exactly one "
          + "LOCAL latent block, but the model has " + b.latents.names() + " ("
          + ls.stream().map(Latent::describe).toList() + ")");
    }
    this.latent = ls.get(0);
    this.factorLatents = List.of(latent.name());
    if (!SUPPORTS.contains(latent.support())) {
      throw new IllegalArgumentException("guide '" + AmortizedProvider.NAME + "': latent "
          + latent.describe() + " is not supported; accepted supports: " + SUPPORTS);
    }
    if (!(b.inputSize > 0)) {
      throw new IllegalArgumentException("guide '" + AmortizedProvider.NAME
          + "': input size must be > 0, got " + b.inputSize);
    }
    this.inputSize = b.inputSize;
    this.link = b.link;
    Rng rng = Rng.seeded(b.seed);
    Init init = b.init != null ? b.init : Init.defaultFor(b.activation);
    int[] hidden = b.hidden;
    int top = inputSize;
    if (hidden.length > 0) {
      int[] sizes = new int[hidden.length + 1];
      sizes[0] = inputSize;
      System.arraycopy(hidden, 0, sizes, 1, hidden.length);
      this.trunk = Mlp.builder(sizes).activation(b.activation).outputActivation(b.activation)
          .init(init).build(params, "encoder", rng);
      top = hidden[hidden.length - 1];
    } else {
      this.trunk = null;
    }
    String n = latent.name();
    int d = latent.size();
    if (latent.support() == Support.REAL) {
      this.first = new Linear(params, n + ".loc", top, d, init, rng);
      this.second = new Linear(params, n + ".scale", top, d, init, rng);
    } else {
      this.first = new Linear(params, n + ".logits", top, d, init, rng);
      this.second = null;
    }
  }

  /** A builder for the model's latents and data rows of {@code inputSize} columns. */
  public static Builder builder(LatentSpec latents, int inputSize) {
    return new Builder(latents, inputSize);
  }

  /** The per-row factor of a B x inputSize input, built with ops (taped when φ is watched). */
  public Distribution encode(Tensor x) {
    if (x.cols() != inputSize) {
      throw new IllegalArgumentException("guide '" + AmortizedProvider.NAME + "': data rows have "
          + x.cols() + " columns (" + x.shape() + "), the encoder takes " + inputSize);
    }
    Tensor h = trunk == null ? x : trunk.forward(x);
    Distribution d;
    if (second == null) {
      d = Bernoulli.ofLogits(first.forward(h), encoded instanceof Bernoulli b ? b : null);
    } else {
      Tensor u = second.forward(h);
      Tensor scale = link == ScaleLink.EXP ? u.exp() : u.softplus();
      d = Normal.of(first.forward(h), scale, encoded instanceof Normal n ? n : null);
    }
    encoded = d;   // handed back by the next encode only if it views the same (pooled) tensors
    return d;
  }

  @Override
  public Draw draw(Batch batch, Rng rng, int particles) {
    Objects.requireNonNull(batch, "guide 'amortized': batch must not be null");
    Objects.requireNonNull(rng, "guide 'amortized': rng must not be null");
    if (!(particles > 0)) {
      throw new IllegalArgumentException("guide '" + AmortizedProvider.NAME
          + "': particles must be > 0, got " + particles);
    }
    Distribution q = encode(batch.data());
    last = q;
    Tensor z = q.hasRsample() ? q.rsample(rng, particles) : q.sample(rng, particles);
    Tensor logQ = perParticle(q.logProb(z).sumRows(), particles, batch.size()).mul(batch.scale());
    Draw d = lastDraw;
    if (d == null || d.logQ() != logQ || d.z().particles() != particles
        || d.z().get(latent.name()) != z) {
      // a tape reuses its nodes step after step, so in a training loop z and logQ are the same
      // objects every time and the Draw, a view of them, can be handed out again
      d = new Draw(Latents.builder(particles).put(latent.name(), z).build(), logQ);
      lastDraw = d;
    }
    return d;
  }

  /**
   * Σ over the batch rows of a per-row term, per particle: (particles·B) x 1 → particles x 1.
   */
  static Tensor perParticle(Tensor rows, int particles, int b) {
    return particles == 1 ? rows.sum() : rows.reshape(particles, b).sumRows();
  }

  @Override
  public ParamStore parameters() {
    return params;
  }

  @Override
  public boolean reparameterizable() {
    return second != null;
  }

  @Override
  public Set<Support> supports() {
    return SUPPORTS;
  }

  @Override
  public List<String> factorLatents() {
    return factorLatents;
  }

  /** This batch's q(z_i | x_i) (see the class javadoc); an unknown name lists the known one. */
  @Override
  public Distribution factor(String name) {
    if (!latent.name().equals(name)) {
      throw new IllegalArgumentException("guide '" + AmortizedProvider.NAME + "': no latent named '"
          + name + "'; known: [" + latent.name() + "]");
    }
    if (last == null) {
      return encode(Tensor.zeros(1, inputSize));
    }
    return last;
  }

  /**
   * q(z_i | x_i) for the rows of {@code batch}, encoded now (B x d parameters, taped when φ is
   * watched), without drawing and without changing what {@link #factor(String)} returns.
   */
  @Override
  public Distribution factor(String name, Batch batch) {
    if (!latent.name().equals(name)) {
      throw new IllegalArgumentException("guide '" + AmortizedProvider.NAME + "': no latent named '"
          + name + "'; known: [" + latent.name() + "]");
    }
    Objects.requireNonNull(batch, "guide 'amortized': batch must not be null");
    return encode(batch.data());
  }

  /** The latent this guide covers. */
  public Latent latent() {
    return latent;
  }

  /** Columns of a data row. */
  public int inputSize() {
    return inputSize;
  }

  @Override
  public String toString() {
    return "AmortizedGuide[" + latent.describe() + ", input " + inputSize + "]";
  }

  /** Configures an {@link AmortizedGuide}. */
  public static final class Builder {
    private final LatentSpec latents;
    private final int inputSize;
    private int[] hidden = {AmortizedProvider.DEFAULT_HIDDEN};
    private Activation activation = Activation.TANH;
    private Init init;
    private ScaleLink link = ScaleLink.SOFTPLUS;
    private long seed = 1;

    private Builder(LatentSpec latents, int inputSize) {
      this.latents = Objects.requireNonNull(latents, "guide 'amortized': latents must not be null");
      this.inputSize = inputSize;
    }

    /** Hidden layer sizes (default one of 400); none means a linear encoder. */
    public Builder hidden(int... sizes) {
      for (int s : sizes) {
        if (!(s > 0)) {
          throw new IllegalArgumentException("guide '" + AmortizedProvider.NAME
              + "': hidden sizes must be positive, got " + java.util.Arrays.toString(sizes));
        }
      }
      this.hidden = sizes.clone();
      return this;
    }

    /** Hidden activation (default tanh). */
    public Builder activation(Activation a) {
      this.activation = Objects.requireNonNull(a);
      return this;
    }

    /** Weight initialisation (default {@link Init#defaultFor} the activation). */
    public Builder init(Init i) {
      this.init = Objects.requireNonNull(i);
      return this;
    }

    /** The Normal scale's link (default softplus). */
    public Builder scaleLink(ScaleLink l) {
      this.link = Objects.requireNonNull(l);
      return this;
    }

    /** Seed of the initial weights (default 1). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public AmortizedGuide build() {
      return new AmortizedGuide(this);
    }
  }
}
