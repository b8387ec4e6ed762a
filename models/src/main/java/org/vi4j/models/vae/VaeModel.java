package org.vi4j.models.vae;

import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.data.Pixels;
import org.vi4j.core.distributions.Bernoulli;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.nn.Init;
import org.vi4j.core.nn.Mlp;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Generative;
import org.vi4j.core.spi.KlWeighted;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.PriorSpec;
import org.vi4j.core.distributions.Support;

/**
 * The generative model of a variational autoencoder (Kingma &amp; Welling 2014, "Auto-Encoding
 * Variational Bayes", ICLR; §3 and appendix C): for each data row i,
 * <pre>
 *   z_i ~ N(0, I_d),     x_i | z_i ~ p_θ(x | z_i),   p_θ from an MLP decoder d → hidden → F
 *   log p(x_B, z) = (N/B) Σ_{i∈B} [log p_θ(x_i | z_i) + log N(z_i; 0, I)]
 * </pre>
 * with a Bernoulli (logits) or Gaussian decoder ({@link Likelihood}). Fit it with the
 * {@code amortized} guide (the recognition model q_φ(z | x)) and {@code reparam-analytic}, which
 * uses the declared prior ({@link PriorSpec}) for the closed-form KL of AEVB's estimator B,
 * −KL = ½ Σ_j (1 + log σ_j² − μ_j² − σ_j²), or {@code iwae} (Burda et al. 2016).
 *
 * <pre>{@code
 * VaeModel vae = VaeModel.builder(pixels)            // N x F in [0, 1]
 *     .latentSize(20).hidden(400).activation(Activation.TANH).seed(2).build();
 * AmortizedGuide q = AmortizedGuide.builder(vae.latents(), vae.features()).hidden(400).build();
 * Inference.builder().model(vae).guide(q).estimator(new ReparamAnalyticEstimator(1))
 *     .optimizer(new Adam(1e-3)).batchSize(100)...;
 * Tensor images = vae.sample(64, rng);               // decoder means of z ~ N(0, I)
 * }</pre>
 *
 * <p><strong>KL weight.</strong> A weight α ∈ [0, 1] on the KL term (the training loss
 * reconstruction + α·KL), optionally warmed up linearly from 0 to α over a number of training
 * steps ({@link KlWeighted}); estimators that form the KL in closed form scale its gradient by α.
 * The log joint itself, and every reported ELBO, is always the true one (α = 1). The warm-up
 * counts the training steps this model has seen: log joints evaluated with gradients.
 *
 * <p>Parameters: {@code decoder.<i>.weight|bias} (and {@code decoder.log_scale}, 1 x F, for a
 * Gaussian decoder with a learned scale). Not thread-safe.
 */
public final class VaeModel implements Model, ObservedData, PriorSpec, PointwiseLogJoint,
    KlWeighted, Generative {

  /** The plugin name. */
  public static final String NAME = "vae";
  /** The latent block's name. */
  public static final String LATENT = "z";
  private static final List<String> PRIOR_LATENTS = List.of(LATENT);

  private final Tensor data;
  private final LatentSpec spec;
  private final ParamStore params = new ParamStore();
  private final Mlp decoder;
  private final Likelihood likelihood;
  private final Param logScale;
  private final double fixedScale;
  private final Normal prior;
  private final double klWeight;
  private final long warmupSteps;
  private long trainingSteps;
  private double currentWeight;
  /** The latest observation model. */
  private Distribution observation;

  private VaeModel(Builder b) {
    DMatrixRMaj x = b.data;
    this.likelihood = b.likelihood;
    if (likelihood == Likelihood.BERNOULLI) {
      Pixels.checkUnit(x, "model '" + NAME + "' (Bernoulli decoder) data");
    } else {
      for (int k = 0, n = x.getNumElements(); k < n; k++) {
        if (!Double.isFinite(x.data[k])) {
          throw new IllegalArgumentException("model '" + NAME + "' data: value " + x.data[k]
              + " at row " + k / x.numCols + ", column " + k % x.numCols + " is not finite");
        }
      }
    }
    this.data = Tensor.constant(x);
    int d = b.latentSize;
    this.spec = LatentSpec.of(Latent.local(LATENT, d, Support.REAL));
    int[] sizes = new int[b.hidden.length + 2];
    sizes[0] = d;
    System.arraycopy(b.hidden, 0, sizes, 1, b.hidden.length);
    sizes[sizes.length - 1] = x.numCols;
    Init init = b.init != null ? b.init : Init.defaultFor(b.activation);
    this.decoder = Mlp.builder(sizes).activation(b.activation).init(init)
        .build(params, "decoder", Rng.seeded(b.seed));
    if (likelihood == Likelihood.GAUSSIAN && !(b.gaussianScale > 0)) {
      this.logScale = params.add("decoder.log_scale", 1, x.numCols, 0.0);
      this.fixedScale = Double.NaN;
    } else {
      this.logScale = null;
      this.fixedScale = b.gaussianScale;
    }
    this.prior = Normal.of(Tensor.zeros(1, d), Tensor.filled(1, d, 1.0));
    this.klWeight = b.klWeight;
    this.warmupSteps = b.warmupSteps;
    this.currentWeight = weightAt(0);
  }

  /** A builder for data N x F (one example per row; [0, 1] for a Bernoulli decoder). */
  public static Builder builder(DMatrixRMaj data) {
    return new Builder(data);
  }

  @Override
  public LatentSpec latents() {
    return spec;
  }

  @Override
  public ParamStore parameters() {
    return params;
  }

  @Override
  public Tensor observed() {
    return data;
  }

  /** F, the number of features (pixels) per row. */
  public int features() {
    return data.cols();
  }

  /** d, the latent size. */
  public int latentSize() {
    return spec.latents().get(0).size();
  }

  /** The decoder likelihood. */
  public Likelihood likelihood() {
    return likelihood;
  }

  /** The decoder network (its output is the logits or the mean). */
  public Mlp decoder() {
    return decoder;
  }

  @Override
  public Tensor logJoint(Latents z, Batch batch) {
    Tensor rows = logJointPerRow(z, batch);
    int particles = z.particles();
    Tensor perParticle = particles == 1 ? rows.sum() : rows.reshape(particles, batch.size()).sumRows();
    Tensor out = perParticle.mul(batch.scale());
    if (out.requiresGrad()) {
      currentWeight = weightAt(trainingSteps);
      trainingSteps++;
    }
    return out;
  }

  @Override
  public Tensor logJointPerRow(Latents z, Batch batch) {
    Tensor codes = z.get(LATENT);
    int particles = z.particles();
    int b = batch.size();
    if (codes.rows() != particles * b || codes.cols() != latentSize()) {
      throw new IllegalArgumentException("model '" + NAME + "': latent 'z' is " + codes.shape()
          + ", expected " + (particles * b) + "x" + latentSize() + " (particles " + particles
          + " · batch " + b + ")");
    }
    Tensor x = batch.data();
    if (x.cols() != features()) {
      throw new IllegalArgumentException("model '" + NAME + "': batch rows have " + x.cols()
          + " columns, the decoder produces " + features());
    }
    Tensor xs = particles == 1 ? x : x.repeatRows(particles);
    Tensor lik = observationModel(codes).logProb(xs).sumRows();
    return lik.add(prior.logProb(codes).sumRows());
  }

  /** p_θ(x | z) for codes (n x d): Bernoulli(logits) or Normal(mean, scale), n x F. */
  public Distribution observationModel(Tensor codes) {
    Tensor out = decoder.forward(codes);
    Distribution d;
    if (likelihood == Likelihood.BERNOULLI) {
      d = Bernoulli.ofLogits(out, observation instanceof Bernoulli b ? b : null);
    } else {
      Tensor scale = logScale != null ? logScale.exp() : out.newConstant(1, 1).add(fixedScale);
      d = Normal.of(out, scale, observation instanceof Normal n ? n : null);
    }
    observation = d;   // handed back next time only if it views the same (tape-pooled) tensors
    return d;
  }

  /** The decoder's mean E[x | z] for codes n x d (probabilities for Bernoulli), n x F. */
  public Tensor decode(Tensor codes) {
    return observationModel(codes).mean();
  }

  /** Decoder means of {@code n} codes drawn from the prior N(0, I): new images, n x F. */
  public Tensor sample(int n, Rng rng) {
    return decode(prior.sample(rng, n));
  }

  /**
   * The 2-D latent manifold: decoder means on a grid × grid lattice of codes z = (Φ⁻¹(u), Φ⁻¹(v))
   * with u, v evenly spaced in (0, 1) (Kingma &amp; Welling 2014, fig. 4), (grid²) x F, row r·grid + c.
   *
   * @throws IllegalStateException if the latent size is not 2
   */
  public Tensor manifold(int grid) {
    if (latentSize() != 2) {
      throw new IllegalStateException("model '" + NAME + "': the latent manifold needs latent size 2, "
          + "this model has " + latentSize());
    }
    if (!(grid >= 2)) {
      throw new IllegalArgumentException("model '" + NAME + "': manifold grid must be >= 2, got " + grid);
    }
    double[][] codes = new double[grid * grid][2];
    for (int r = 0; r < grid; r++) {
      for (int c = 0; c < grid; c++) {
        codes[r * grid + c][0] = Tensor.scalar((c + 0.5) / grid).inverseNormalCdf().item();
        codes[r * grid + c][1] = Tensor.scalar((grid - r - 0.5) / grid).inverseNormalCdf().item();
      }
    }
    return decode(Tensor.of(codes));
  }

  @Override
  public List<String> priorLatents() {
    return PRIOR_LATENTS;
  }

  /**
   * N(0, I), 1 x d, for the LOCAL latent z: log joint includes (N/B) Σ_i log N(z_i; 0, I) per
   * particle (the LOCAL extension of {@link PriorSpec}'s contract).
   */
  @Override
  public Distribution prior(String latent) {
    if (!LATENT.equals(latent)) {
      throw new IllegalArgumentException("model '" + NAME + "': no latent named '" + latent
          + "'; known: [" + LATENT + "]");
    }
    return prior;
  }

  /** α of the latest training step: min(1, t / warm-up) · α for the t-th step (0-based). */
  @Override
  public double klWeight() {
    return currentWeight;
  }

  private double weightAt(long step) {
    if (warmupSteps <= 0) {
      return klWeight;
    }
    return klWeight * Math.min(1.0, (double) step / warmupSteps);
  }

  /** Training steps seen (log joints evaluated with gradients). */
  public long trainingSteps() {
    return trainingSteps;
  }

  @Override
  public Latents samplePrior(int particles, int rows, Rng rng) {
    return Latents.builder(particles).put(LATENT, prior.sample(rng, particles * rows)).build();
  }

  @Override
  public Tensor sampleData(Latents z, int rows, Rng rng) {
    return observationModel(z.get(LATENT)).sample(rng, 1).stopGradient();
  }

  @Override
  public String toString() {
    return "VaeModel[" + features() + " features, latent " + latentSize() + ", " + likelihood + "]";
  }

  /** Configures a {@link VaeModel}. */
  public static final class Builder {
    private final DMatrixRMaj data;
    private int latentSize = 20;
    private int[] hidden = {400};
    private Activation activation = Activation.TANH;
    private Init init;
    private Likelihood likelihood = Likelihood.BERNOULLI;
    private double gaussianScale = 0;
    private double klWeight = 1.0;
    private long warmupSteps = 0;
    private long seed = 2;

    private Builder(DMatrixRMaj data) {
      this.data = Objects.requireNonNull(data, "model 'vae': data must not be null");
      if (data.numRows < 1 || data.numCols < 1) {
        throw new IllegalArgumentException("model 'vae': data must have rows and columns, got "
            + data.numRows + "x" + data.numCols);
      }
    }

    /** d (default 20). */
    public Builder latentSize(int d) {
      if (!(d > 0)) {
        throw new IllegalArgumentException("model 'vae': latent size must be > 0, got " + d);
      }
      this.latentSize = d;
      return this;
    }

    /** Decoder hidden sizes, from the latent side (default 400). */
    public Builder hidden(int... sizes) {
      for (int s : sizes) {
        if (!(s > 0)) {
          throw new IllegalArgumentException("model 'vae': hidden sizes must be positive, got "
              + java.util.Arrays.toString(sizes));
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

    /** The decoder likelihood (default Bernoulli). */
    public Builder likelihood(Likelihood l) {
      this.likelihood = Objects.requireNonNull(l);
      return this;
    }

    /** A Gaussian decoder's fixed scale s &gt; 0; 0 (default) learns one per feature. */
    public Builder gaussianScale(double s) {
      if (!(s >= 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("model 'vae': gaussian scale must be finite and >= 0 "
            + "(0 = learned), got " + s);
      }
      this.gaussianScale = s;
      return this;
    }

    /** α, the KL weight in [0, 1] (default 1: the true ELBO). */
    public Builder klWeight(double a) {
      if (!(a >= 0 && a <= 1)) {
        throw new IllegalArgumentException("model 'vae': kl weight must be in [0, 1], got " + a);
      }
      this.klWeight = a;
      return this;
    }

    /** Linear warm-up of the KL weight from 0 over this many training steps (default 0: none). */
    public Builder warmupSteps(long n) {
      if (!(n >= 0)) {
        throw new IllegalArgumentException("model 'vae': warm-up steps must be >= 0, got " + n);
      }
      this.warmupSteps = n;
      return this;
    }

    /** Seed of the decoder's initial weights (default 2). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public VaeModel build() {
      return new VaeModel(this);
    }
  }
}
