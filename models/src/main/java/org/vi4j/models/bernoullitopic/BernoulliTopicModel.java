package org.vi4j.models.bernoullitopic;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.distributions.Bernoulli;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.nn.Init;
import org.vi4j.core.nn.Mlp;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ExactEvidence;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.PriorSpec;

/**
 * The Bernoulli latent-factor topic model: each document d of a bag-of-words {@link Corpus} has K
 * binary factors, a priori independent, and its N_d words are i.i.d. categorical draws whose
 * probabilities a network f<sub>θ</sub> computes from the factors:
 * <pre>
 *   z_dj ~ Bernoulli(α)           (j = 1..K)
 *   x_di ~ Categorical(f_θ(z_d))  (i = 1..N_d),   f_θ(z) = softmax(MLP_θ(z)) over the V words
 *   log p(x_d, z_d) = Σ_w n_dw log f_θ(z_d)_w + Σ_j [z_dj log α + (1 − z_dj) log(1 − α)]
 * </pre>
 * (n_dw the count of word w in document d; the log probability of the token sequence, so no
 * multinomial coefficient). Without a hidden layer MLP_θ(z) = z·W + b, so factor j adds row j of W
 * (1 x V) to every word's log-weight: that row reads as a topic, its largest entries are the
 * factor's top words. Given the words the factors are dependent; fit q(z_d | x_d) = Π_j
 * Bernoulli(b_dj) with the {@code amortized} guide (b_d = g_λ(x_d), one network for all documents)
 * and a discrete-latent estimator ({@code score-function}, {@code enumerate} for small K,
 * {@code gumbel-softmax}); θ and λ are learned together by maximising the ELBO on minibatches of
 * documents scaled by D/B.
 *
 * <pre>{@code
 * BernoulliTopicData data = BernoulliTopicData.experiment(1);      // K = 8, V = 500, D = 2,000
 * BernoulliTopicModel model = BernoulliTopicModel.builder(data.train())
 *     .factors(8).alpha(0.3).seed(2).build();
 * AmortizedGuide q = AmortizedGuide.builder(model.latents(), model.vocabularySize())
 *     .hidden(100).build();
 * Inference.builder().model(model).guide(q).estimator(new EnumerateEstimator(12))
 *     .optimizer(new Adam(0.01)).batchSize(100)...;
 * double[][] topics = model.factorEffects();                       // K x V
 * }</pre>
 *
 * <p><strong>Data.</strong> {@link #observed()} is the D x V matrix of counts (dense, for the
 * amortised guide's input rows); {@link #logJoint} reads a batch's counts from
 * {@link Batch#data()}. Documents may be empty (their likelihood is 1).
 *
 * <p><strong>Capabilities.</strong> {@link PointwiseLogJoint} (per-document log joint, for
 * per-document learning signals and exact enumeration), {@link PriorSpec} (the Bernoulli(α) prior,
 * 1 x K, for analytic KL(q ‖ prior) — LOCAL, like the VAE's), and {@link ExactEvidence} for K ≤
 * {@value #EXACT_MAX_FACTORS}: log p(x) = Σ_d log Σ_z p(z) p(x_d | z) summed over all 2^K
 * configurations; for larger K {@link #as} does not offer it.
 *
 * <p><strong>Parameters.</strong> {@code decoder.<i>.weight|bias} (layer 0 weight K x hidden, or
 * K x V without a hidden layer). The output bias starts at the log of the corpus's smoothed word
 * frequencies, log((c_w + ½)/(Σ c + V/2)), so the fit starts at the unigram model; the weights
 * start at the {@link Init} of the activation, from the seed. α is fixed.
 *
 * <p>Not thread-safe.
 */
public final class BernoulliTopicModel implements Model, ObservedData, PriorSpec, PointwiseLogJoint,
    ExactEvidence {

  /** The plugin name. */
  public static final String NAME = "bernoulli-topic";
  /** The latent block's name. */
  public static final String LATENT = "z";
  /** The largest K for which {@link ExactEvidence} (a sum over 2^K configurations) is offered. */
  public static final int EXACT_MAX_FACTORS = 12;
  /** Documents per chunk of the exact evidence (bounds the D x 2^K table). */
  private static final int EVIDENCE_CHUNK_VALUES = 1 << 20;

  private final Corpus corpus;
  private final Tensor counts;
  private final int k;
  private final double alpha;
  private final LatentSpec spec;
  private final ParamStore params = new ParamStore();
  private final Mlp decoder;
  private final Bernoulli prior;
  private final int[] hidden;
  private final BernoulliTopicData source;

  private BernoulliTopicModel(Builder b) {
    this.corpus = b.corpus;
    this.source = b.source;
    this.k = b.factors;
    this.alpha = b.alpha;
    this.hidden = b.hidden.clone();
    this.counts = corpus.denseCounts();
    int v = corpus.vocabularySize();
    this.spec = LatentSpec.of(Latent.local(LATENT, k, Support.BINARY));
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = k;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = v;
    Init init = b.init != null ? b.init : Init.defaultFor(b.activation);
    this.decoder = Mlp.builder(sizes).activation(b.activation).init(init)
        .build(params, "decoder", Rng.seeded(b.seed));
    double[] bias = decoder.layers().get(decoder.layers().size() - 1).bias().value().data;
    double[] freq = unigramLogFrequencies(corpus);
    System.arraycopy(freq, 0, bias, 0, v);
    double logit = Math.log(alpha) - Math.log1p(-alpha);
    this.prior = Bernoulli.ofLogits(Tensor.filled(1, k, logit));
  }

  /** A builder for a model of {@code corpus} (at least one document). */
  public static Builder builder(Corpus corpus) {
    return new Builder(corpus);
  }

  /** log((c_w + ½)/(Σ c + V/2)) per word w, c_w its count in the corpus. */
  static double[] unigramLogFrequencies(Corpus corpus) {
    int v = corpus.vocabularySize();
    double[] c = new double[v];
    for (int j = 0; j < corpus.nonZeros(); j++) {
      c[corpus.wordId(j)] += corpus.count(j);
    }
    double total = corpus.tokens() + 0.5 * v;
    for (int w = 0; w < v; w++) {
      c[w] = Math.log((c[w] + 0.5) / total);
    }
    return c;
  }

  @Override
  public LatentSpec latents() {
    return spec;
  }

  @Override
  public ParamStore parameters() {
    return params;
  }

  /** The D x V counts. */
  @Override
  public Tensor observed() {
    return counts;
  }

  /** The corpus the model conditions on. */
  public Corpus corpus() {
    return corpus;
  }

  /** The synthetic data set the corpus was drawn from, with its truth, if it was. */
  public Optional<BernoulliTopicData> source() {
    return Optional.ofNullable(source);
  }

  /** K, the number of binary factors per document. */
  public int factors() {
    return k;
  }

  /** α, the prior probability that a factor is on. */
  public double alpha() {
    return alpha;
  }

  /** V. */
  public int vocabularySize() {
    return corpus.vocabularySize();
  }

  /** The decoder's hidden layer sizes (empty: linear, factors read directly as topics). */
  public int[] hidden() {
    return hidden.clone();
  }

  /** The decoder network MLP_θ (its output is the V logits of f_θ). */
  public Mlp decoder() {
    return decoder;
  }

  @Override
  public Tensor logJoint(Latents z, Batch batch) {
    Tensor rows = logJointPerRow(z, batch);
    int particles = z.particles();
    Tensor perParticle = particles == 1 ? rows.sum()
        : rows.reshape(particles, batch.size()).sumRows();
    return perParticle.mul(batch.scale());
  }

  /**
   * log p(x_i, z_{p,i}) per particle p and batch row i, (particles·B) x 1, unscaled: the words'
   * Σ_w n_iw (l_w − logSumExp(l)) with l = MLP_θ(z) (computed as n·l − N_i logSumExp(l), without
   * the V-wide log-softmax) plus the prior. Values of z in [0, 1] (a relaxation) are accepted: the
   * network and the prior's x log α + (1 − x) log(1 − α) extend to them. When every row of a
   * particle has the same constant code (exact enumeration's layout), the decoder runs once per
   * particle and the rows' words are one product with the counts: the same values, B times fewer
   * decoder rows.
   */
  @Override
  public Tensor logJointPerRow(Latents z, Batch batch) {
    Tensor codes = z.get(LATENT);
    int particles = z.particles();
    int b = batch.size();
    if (codes.rows() != particles * b || codes.cols() != k) {
      throw new IllegalArgumentException("model '" + NAME + "': latent 'z' is " + codes.shape()
          + ", expected " + (particles * b) + "x" + k + " (particles " + particles + " · batch "
          + b + ")");
    }
    Tensor x = batch.data();
    if (x.cols() != vocabularySize()) {
      throw new IllegalArgumentException("model '" + NAME + "': batch rows have " + x.cols()
          + " columns, the vocabulary has " + vocabularySize() + " words");
    }
    Tensor logPrior = prior.logProb(codes).sumRows();
    if (b > 1 && sharedAcrossRows(codes, particles, b)) {
      // One code per particle for every row (exact enumeration lays out configurations so): run the
      // decoder once per particle and take every row's words in one product with the counts.
      Tensor unique = codes.reshape(particles, b * k).slice(0, particles, 0, k);   // particles x K
      Tensor logits = decoder.forward(unique);                                    // particles x V
      Tensor dots = x.matmulTransB(logits).transpose();                           // particles x B
      Tensor norm = logits.logSumExp().matmul(x.sumRows().transpose());           // particles x B
      return dots.sub(norm).reshape(particles * b, 1).add(logPrior);
    }
    Tensor xs = particles == 1 ? x : x.repeatRows(particles);
    Tensor logits = decoder.forward(codes);
    Tensor lengths = xs.sumRows();
    Tensor words = logits.mul(xs).sumRows().sub(logits.logSumExp().mul(lengths));
    return words.add(logPrior);
  }

  /** True if, for every particle, all B rows of {@code codes} are equal and carry no gradient. */
  private static boolean sharedAcrossRows(Tensor codes, int particles, int b) {
    if (codes.requiresGrad()) {
      return false;
    }
    double[] z = codes.value().data;
    int k = codes.cols();
    for (int p = 0; p < particles; p++) {
      int first = p * b * k;
      for (int i = 1; i < b; i++) {
        int row = first + i * k;
        for (int j = 0; j < k; j++) {
          if (z[row + j] != z[first + j]) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** f_θ(z) = softmax(MLP_θ(z)) for codes n x K: word probabilities, n x V. */
  public Tensor wordProbabilities(Tensor codes) {
    return decoder.forward(codes).softmax();
  }

  /**
   * Each factor's effect on the word log-weights: row j is MLP_θ(e_j) − MLP_θ(0), the change of the
   * V logits when factor j alone turns on. Without a hidden layer it is exactly row j of W (the
   * topic); with one it is the factor's effect from the all-off configuration.
   *
   * @return K x V, a fresh array
   */
  public double[][] factorEffects() {
    double[][] e = new double[k + 1][k];
    for (int j = 0; j < k; j++) {
      e[j + 1][j] = 1.0;
    }
    Tensor out = decoder.forward(Tensor.of(e));
    int v = vocabularySize();
    double[][] effects = new double[k][v];
    for (int j = 0; j < k; j++) {
      for (int w = 0; w < v; w++) {
        effects[j][w] = out.get(j + 1, w) - out.get(0, w);
      }
    }
    return effects;
  }

  @Override
  public List<String> priorLatents() {
    return List.of(LATENT);
  }

  /**
   * Bernoulli(α), 1 x K, for the LOCAL latent z: the log joint includes (D/B) Σ_i log p(z_i) per
   * particle (the LOCAL extension of {@link PriorSpec}'s contract, as for {@code vae}).
   */
  @Override
  public Distribution prior(String latent) {
    if (!LATENT.equals(latent)) {
      throw new IllegalArgumentException("model '" + NAME + "': no latent named '" + latent
          + "'; known: [" + LATENT + "]");
    }
    return prior;
  }

  /**
   * log p(x) = Σ_d log Σ_z p(z) p(x_d | z; θ) over the model's corpus, exactly (all 2^K
   * configurations).
   *
   * @throws IllegalStateException if K &gt; {@value #EXACT_MAX_FACTORS}
   */
  @Override
  public double logEvidence() {
    double s = 0;
    for (double v : logEvidencePerDocument(counts)) {
      s += v;
    }
    return s;
  }

  /**
   * log p(x_d; θ) for each row of a D' x V count matrix (e.g. held-out documents), summed over all
   * 2^K configurations: the 2^K x V log word probabilities are computed once and the documents'
   * log likelihoods are one product with their counts.
   *
   * @param docs D' x V counts. Not modified.
   * @throws IllegalStateException if K &gt; {@value #EXACT_MAX_FACTORS}
   */
  public double[] logEvidencePerDocument(Tensor docs) {
    if (k > EXACT_MAX_FACTORS) {
      throw new IllegalStateException("model '" + NAME + "': the exact evidence sums over 2^K "
          + "configurations and is offered for K <= " + EXACT_MAX_FACTORS + ", this model has K = "
          + k);
    }
    if (docs.cols() != vocabularySize()) {
      throw new IllegalArgumentException("model '" + NAME + "': documents have " + docs.cols()
          + " columns, the vocabulary has " + vocabularySize() + " words");
    }
    int c = 1 << k;
    double[][] configs = new double[c][k];
    double[] logPrior = new double[c];
    double la = Math.log(alpha);
    double lb = Math.log1p(-alpha);
    for (int s = 0; s < c; s++) {
      for (int j = 0; j < k; j++) {
        configs[s][j] = (s >> j) & 1;
        logPrior[s] += configs[s][j] == 1 ? la : lb;
      }
    }
    Tensor logWords = decoder.forward(Tensor.of(configs)).logSoftmax();   // C x V
    int d = docs.rows();
    int v = docs.cols();
    double[] out = new double[d];
    int chunk = Math.max(1, Math.min(d, EVIDENCE_CHUNK_VALUES / c));
    double[] src = docs.value().data;
    for (int start = 0; start < d; start += chunk) {
      int n = Math.min(chunk, d - start);
      DMatrixRMaj rows = new DMatrixRMaj(n, v);
      System.arraycopy(src, start * v, rows.data, 0, n * v);
      Tensor lik = Tensor.constant(rows).matmulTransB(logWords);          // n x C
      double[] l = lik.value().data;
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < c; s++) {
          max = Math.max(max, l[i * c + s] + logPrior[s]);
        }
        double sum = 0;
        for (int s = 0; s < c; s++) {
          sum += Math.exp(l[i * c + s] + logPrior[s] - max);
        }
        out[start + i] = max + Math.log(sum);
      }
    }
    return out;
  }

  /** Offers {@link ExactEvidence} only for K ≤ {@value #EXACT_MAX_FACTORS}. */
  @Override
  public <T> Optional<T> as(Class<T> capability) {
    if (capability == ExactEvidence.class && k > EXACT_MAX_FACTORS) {
      return Optional.empty();
    }
    return Model.super.as(capability);
  }

  /**
   * Writes the weights of a linear decoder (no hidden layer): W (K x V) and b (1 x V), e.g. the
   * true parameters of a synthetic corpus.
   *
   * @throws IllegalStateException if the decoder has a hidden layer
   * @throws IllegalArgumentException if a shape does not match
   */
  public void setLinearDecoder(double[][] weights, double[] bias) {
    if (hidden.length != 0) {
      throw new IllegalStateException("model '" + NAME + "': the decoder has hidden layers "
          + Arrays.toString(hidden) + "; only a linear decoder's weights can be set");
    }
    int v = vocabularySize();
    if (weights.length != k || bias.length != v) {
      throw new IllegalArgumentException("model '" + NAME + "': a linear decoder takes weights "
          + k + "x" + v + " and a bias of " + v + ", got " + weights.length + "x"
          + (weights.length == 0 ? 0 : weights[0].length) + " and " + bias.length);
    }
    Param w = decoder.layers().get(0).weight();
    for (int j = 0; j < k; j++) {
      if (weights[j].length != v) {
        throw new IllegalArgumentException("model '" + NAME + "': weights row " + j + " has "
            + weights[j].length + " entries, expected " + v);
      }
      System.arraycopy(weights[j], 0, w.value().data, j * v, v);
    }
    System.arraycopy(bias, 0, decoder.layers().get(0).bias().value().data, 0, v);
  }

  @Override
  public String toString() {
    return "BernoulliTopicModel[K=" + k + ", alpha=" + alpha + ", " + corpus + ", hidden "
        + Arrays.toString(hidden) + "]";
  }

  /** Configures a {@link BernoulliTopicModel}. */
  public static final class Builder {
    private final Corpus corpus;
    private int factors = 8;
    private double alpha = 0.3;
    private int[] hidden = {};
    private Activation activation = Activation.TANH;
    private Init init;
    private long seed = 2;
    private BernoulliTopicData source;

    private Builder(Corpus corpus) {
      this.corpus = Objects.requireNonNull(corpus, "model '" + NAME + "': corpus must not be null");
      if (corpus.documents() < 1) {
        throw new IllegalArgumentException("model '" + NAME + "': the corpus has no documents");
      }
    }

    /** K ≥ 1 (default 8). */
    public Builder factors(int k) {
      if (!(k >= 1)) {
        throw new IllegalArgumentException("model '" + NAME + "': factors K must be >= 1, got " + k);
      }
      this.factors = k;
      return this;
    }

    /** α in (0, 1), the prior probability that a factor is on (default 0.3). */
    public Builder alpha(double a) {
      if (!(a > 0 && a < 1)) {
        throw new IllegalArgumentException("model '" + NAME + "': alpha must be in (0, 1), got " + a);
      }
      this.alpha = a;
      return this;
    }

    /** Decoder hidden sizes from the factor side (default none: linear, factors are topics). */
    public Builder hidden(int... sizes) {
      for (int s : sizes) {
        if (!(s > 0)) {
          throw new IllegalArgumentException("model '" + NAME + "': hidden sizes must be positive, "
              + "got " + Arrays.toString(sizes));
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

    /** Seed of the decoder's initial weights (default 2). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Records that the corpus was drawn from {@code data} (its training corpus), for reports. */
    public Builder source(BernoulliTopicData data) {
      if (data.train() != corpus) {
        throw new IllegalArgumentException("model '" + NAME + "': the source's training corpus is "
            + "not this model's corpus");
      }
      this.source = data;
      return this;
    }

    public BernoulliTopicModel build() {
      return new BernoulliTopicModel(this);
    }
  }
}
