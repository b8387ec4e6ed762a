package org.vi4j.models.lda;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.data.CorpusSplits;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ClosedFormElbo;
import org.vi4j.core.spi.ConditionallyConjugate;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.VariationalFamily;

/**
 * Latent Dirichlet allocation (Blei, Ng &amp; Jordan 2003) over a bag-of-words {@link Corpus} of D
 * documents and V words, with K topics and symmetric priors:
 * <pre>
 *   β_k ~ Dirichlet(η 1_V),  θ_d ~ Dirichlet(α 1_K),  z_dn | θ_d ~ Categorical(θ_d),
 *   w_dn | z_dn, β ~ Categorical(β_{z_dn}).
 * </pre>
 *
 * <pre>{@code
 * LdaModel model = LdaModel.of(SyntheticCorpus.issue());        // or new LdaModel(corpus, k, α, η)
 * LdaGuide q = new LdaGuide(model, Rng.seeded(1));
 * Inference.builder().model(model).guide(q).estimator(new ClosedFormEstimator())
 *     .optimizer(new Cavi()).stopAfterSteps(10).build().run();      // batch VB, 10 iterations
 * // or .optimizer(new Svi(10, 0.7)).batchSize(256): stochastic VI (Hoffman et al. 2010)
 * LdaEvaluation.topWords(q.topicMeans(), 10);
 * }</pre>
 *
 * <p><strong>Mean-field posterior</strong> ({@link LdaGuide}): q(β_k) = Dirichlet(λ_k),
 * q(θ_d) = Dirichlet(γ_d), q(z_dn) = Categorical(φ_dn) per token, with φ shared by the tokens of a
 * distinct word of a document and never stored: given γ_d and λ it is the closed-form optimum
 * φ_dwk ∝ exp(E log θ_dk + E log β_kw), recomputed inside the local step ({@link DocumentInference}).
 *
 * <p><strong>Fitting</strong> ({@link ConditionallyConjugate}): the local step fits γ_d (and φ) for a
 * batch of documents given λ — a pure function of (documents, λ) — and returns the expected word
 * counts per topic, statistics[w·K + k] = Σ_d n_dw φ_dwk; the global optimum is
 * λ̂_kw = η + (D/B) · statistics (Hoffman, Blei &amp; Bach 2010, eq. 5–7). {@code cavi} runs it on
 * all documents (ρ = 1: Blei et al.'s variational EM, "batch VB"); {@code svi} on minibatches with
 * λ ← (1 − ρ_t) λ + ρ_t λ̂. The model asks the optimizers for parts of {@value #ROWS_PER_PART}
 * documents.
 *
 * <p><strong>ELBO</strong> (closed form, {@link ClosedFormElbo}; Hoffman et al. 2010, eq. 3), with
 * E log θ_dk = ψ(γ_dk) − ψ(Σγ_d), E log β_kw = ψ(λ_kw) − ψ(Σ_w λ_kw) and φ at its optimum:
 * <pre>
 *   Σ_d [ Σ_w n_dw log Σ_k exp(E log θ_dk + E log β_kw)
 *         + log Γ(Kα) − K log Γ(α) − log Γ(Σγ_d) + Σ_k (log Γ(γ_dk) + (α − γ_dk) E log θ_dk) ]
 *   + Σ_k [ log Γ(Vη) − V log Γ(η) − log Γ(Σ_w λ_kw) + Σ_w (log Γ(λ_kw) + (η − λ_kw) E log β_kw) ]
 * </pre>
 *
 * <p><strong>Latents</strong>: {@code topics} (GLOBAL, K·V values: K simplices of V, topic-major)
 * and {@code proportions} (LOCAL, a simplex of K per document). {@link #logJoint} sums z out:
 * log p(β) + Σ_d [log p(θ_d) + Σ_w n_dw log Σ_k θ_dk β_kw], data terms scaled by N/B; it is a
 * constant (no gradient), for Monte Carlo checks. <strong>Data rows</strong>: {@link #observed()}
 * is D x 1 holding each document's index, so the loop's minibatches are document indices
 * ({@link Batch#row(int)}).
 */
public final class LdaModel implements Model, ObservedData, ConditionallyConjugate,
    ClosedFormElbo {

  /** The plugin name. */
  public static final String NAME = "lda";
  /** The global latent: the topics β. */
  public static final String TOPICS = "topics";
  /** The local latent: each document's topic proportions θ_d. */
  public static final String PROPORTIONS = "proportions";
  /** Documents per part of the local step (a few milliseconds of work). */
  public static final int ROWS_PER_PART = 64;

  private final Corpus corpus;
  private final int k;
  private final int v;
  private final double alpha;
  private final double eta;
  private final LatentSpec latents;
  private final ParamStore empty = new ParamStore();
  private final Tensor observed;
  private final SyntheticCorpus source;
  private final CorpusSplits.Completion heldOut;

  /**
   * @param corpus the training documents (at least one)
   * @param k topics K ≥ 2
   * @param alpha the symmetric document–topic concentration α &gt; 0
   * @param eta the symmetric topic–word concentration η &gt; 0
   */
  public LdaModel(Corpus corpus, int k, double alpha, double eta) {
    this(corpus, k, alpha, eta, null, null);
  }

  /**
   * LDA over {@code corpus} that also keeps held-out documents split for completion perplexity
   * ({@link CorpusSplits#documentCompletion}): θ is inferred from {@code heldOut.observed()} and
   * {@code heldOut.heldOut()} is scored. Both must share the corpus's vocabulary size.
   *
   * @throws IllegalArgumentException as {@link #LdaModel(Corpus, int, double, double)}, or if the
   *     held-out halves' vocabulary size is not V or their document counts differ
   */
  public LdaModel(Corpus corpus, CorpusSplits.Completion heldOut, int k, double alpha, double eta) {
    this(corpus, k, alpha, eta, null, Objects.requireNonNull(heldOut, "heldOut"));
  }

  private LdaModel(Corpus corpus, int k, double alpha, double eta, SyntheticCorpus source,
      CorpusSplits.Completion heldOut) {
    Objects.requireNonNull(corpus, "Model '" + NAME + "': corpus must not be null");
    if (corpus.documents() < 1) {
      throw new IllegalArgumentException("Model '" + NAME + "': the corpus has no documents");
    }
    if (!(k >= 2)) {
      throw new IllegalArgumentException("Model '" + NAME + "': K must be >= 2, got " + k);
    }
    if (!(alpha > 0 && alpha < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("Model '" + NAME + "': alpha = " + alpha
          + " is not accepted; must be finite and > 0");
    }
    if (!(eta > 0 && eta < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("Model '" + NAME + "': eta = " + eta
          + " is not accepted; must be finite and > 0");
    }
    if ((long) k * corpus.vocabularySize() > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("Model '" + NAME + "': K x V = " + k + " x "
          + corpus.vocabularySize() + " is too large for one array");
    }
    this.corpus = corpus;
    this.k = k;
    this.v = corpus.vocabularySize();
    this.alpha = alpha;
    this.eta = eta;
    this.source = source;
    if (heldOut != null && (heldOut.observed().vocabularySize() != corpus.vocabularySize()
        || heldOut.heldOut().vocabularySize() != corpus.vocabularySize()
        || heldOut.observed().documents() != heldOut.heldOut().documents())) {
      throw new IllegalArgumentException("Model '" + NAME + "': the held-out halves ("
          + heldOut.observed() + ", " + heldOut.heldOut() + ") do not match the training "
          + "vocabulary of " + corpus.vocabularySize() + " words or each other");
    }
    this.heldOut = source != null
        ? new CorpusSplits.Completion(source.heldOutObserved(), source.heldOutScored()) : heldOut;
    this.latents = LatentSpec.of(Latent.global(TOPICS, k * v, Support.SIMPLEX),
        Latent.local(PROPORTIONS, k, Support.SIMPLEX));
    double[] index = new double[corpus.documents()];
    for (int d = 0; d < index.length; d++) {
      index[d] = d;
    }
    this.observed = Tensor.column(index);
  }

  /** LDA with the spec's K, α and η over the training documents of {@code s}, which it keeps. */
  public static LdaModel of(SyntheticCorpus s) {
    Objects.requireNonNull(s, "s");
    return new LdaModel(s.train(), s.spec().topics(), s.spec().alpha(), s.spec().eta(), s, null);
  }

  /** The training documents. */
  public Corpus corpus() {
    return corpus;
  }

  /** K. */
  public int topics() {
    return k;
  }

  /** V. */
  public int vocabularySize() {
    return v;
  }

  /** D. */
  public int documents() {
    return corpus.documents();
  }

  /** α. */
  public double alpha() {
    return alpha;
  }

  /** η. */
  public double eta() {
    return eta;
  }

  /**
   * The held-out documents for completion perplexity, as (observed half, scored half): the
   * synthetic corpus's, or those given to the constructor; empty otherwise.
   */
  public Optional<CorpusSplits.Completion> heldOutCompletion() {
    return Optional.ofNullable(heldOut);
  }

  /** The synthetic corpus the documents came from, if the model was made by {@link #of}. */
  public Optional<SyntheticCorpus> synthetic() {
    return Optional.ofNullable(source);
  }

  @Override
  public LatentSpec latents() {
    return latents;
  }

  @Override
  public ParamStore parameters() {
    return empty;
  }

  @Override
  public Tensor observed() {
    return observed;
  }

  /**
   * log p(β) + scale · Σ_batch [log p(θ_d) + Σ_w n_dw log Σ_k θ_dk β_kw] per particle (z summed
   * out), a constant.
   */
  @Override
  public Tensor logJoint(Latents z, Batch batch) {
    Tensor beta = z.get(TOPICS);
    Tensor theta = z.get(PROPORTIONS);
    int p = z.particles();
    int b = batch.size();
    if (beta.rows() != p || beta.cols() != k * v) {
      throw new IllegalArgumentException("Model '" + NAME + "': topics must be " + p + "x" + (k * v)
          + " (K x V per particle), got " + beta.shape());
    }
    if (theta.rows() != p * b || theta.cols() != k) {
      throw new IllegalArgumentException("Model '" + NAME + "': proportions must be " + (p * b)
          + "x" + k + ", got " + theta.shape());
    }
    checkRows(batch);
    double[] bv = beta.value().data;
    double[] tv = theta.value().data;
    double priorBeta = k * (SpecialFunctions.lgamma(v * eta) - v * SpecialFunctions.lgamma(eta));
    double priorTheta = SpecialFunctions.lgamma(k * alpha) - k * SpecialFunctions.lgamma(alpha);
    double[] out = new double[p];
    for (int q = 0; q < p; q++) {
      int bo = q * k * v;
      double lp = priorBeta;
      for (int i = 0; i < k * v; i++) {
        lp += (eta - 1) * Math.log(bv[bo + i]);
      }
      double local = 0;
      for (int i = 0; i < b; i++) {
        int to = (q * b + i) * k;
        local += priorTheta;
        for (int c = 0; c < k; c++) {
          local += (alpha - 1) * Math.log(tv[to + c]);
        }
        int d = batch.row(i);
        for (int j = corpus.start(d); j < corpus.end(d); j++) {
          int w = corpus.wordId(j);
          double s = 0;
          for (int c = 0; c < k; c++) {
            s += tv[to + c] * bv[bo + c * v + w];
          }
          local += corpus.count(j) * Math.log(s);
        }
      }
      out[q] = lp + batch.scale() * local;
    }
    return Tensor.column(out);
  }

  private void checkRows(Batch batch) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.row(i) >= corpus.documents()) {
        throw new IllegalArgumentException("Model '" + NAME + "': batch row " + batch.row(i)
            + " is outside the " + corpus.documents() + " documents");
      }
    }
  }

  // ------------------------------------------------------------------ ConditionallyConjugate

  /** [topics]. */
  @Override
  public List<String> globalLatents() {
    return List.of(TOPICS);
  }

  /** [proportions]: γ − 1 per document. */
  @Override
  public List<String> localLatents() {
    return List.of(PROPORTIONS);
  }

  /** K·V: expected word counts per topic, word-major (index w·K + k). */
  @Override
  public int statisticsLength() {
    return k * v;
  }

  /** {@value #ROWS_PER_PART}. */
  @Override
  public int rowsPerPart() {
    return ROWS_PER_PART;
  }

  /**
   * @param global {@code topics} → λ − 1, 1 x K·V topic-major (the guide's layout)
   */
  @Override
  public LocalStep localStep(Map<String, Tensor> global) {
    return new Step(lambda(global));
  }

  /** λ̂ − 1 = η − 1 + scale · statistics, as {@code topics} → 1 x K·V topic-major. */
  @Override
  public Map<String, Tensor> globalOptimum(double[] statistics, double scale,
      Map<String, Tensor> global) {
    if (statistics.length != k * v) {
      throw new IllegalArgumentException("Model '" + NAME + "': statistics of length "
          + statistics.length + ", expected K x V = " + (k * v));
    }
    double[] eta1 = new double[k * v];
    for (int w = 0; w < v; w++) {
      for (int c = 0; c < k; c++) {
        eta1[c * v + w] = eta - 1 + scale * statistics[w * k + c];
      }
    }
    return Map.of(TOPICS, Tensor.row(eta1));
  }

  private double[] lambda(Map<String, Tensor> global) {
    Tensor t = global.get(TOPICS);
    if (t == null) {
      throw new IllegalArgumentException("Model '" + NAME + "': the global natural parameters lack '"
          + TOPICS + "'; given " + global.keySet());
    }
    if (t.rows() != 1 || t.cols() != k * v) {
      throw new IllegalArgumentException("Model '" + NAME + "': natural parameters of '" + TOPICS
          + "' must be 1x" + (k * v) + ", got " + t.shape());
    }
    double[] lambda = t.toArray();
    for (int i = 0; i < lambda.length; i++) {
      lambda[i] += 1;
      if (!(lambda[i] > 0 && lambda[i] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("Model '" + NAME + "': topic concentration " + lambda[i]
            + " at (" + (i / v) + ", " + (i % v) + ") is outside the family (finite and > 0)");
      }
    }
    return lambda;
  }

  /** The local step at fixed λ: W = exp(E log β) word-major and the global ELBO terms. */
  private final class Step implements LocalStep {
    private final double[] weights;
    private final double globalElbo;

    Step(double[] lambda) {
      weights = new double[k * v];
      double g = k * (SpecialFunctions.lgamma(v * eta) - v * SpecialFunctions.lgamma(eta));
      for (int c = 0; c < k; c++) {
        int o = c * v;
        double sum = 0;
        for (int w = 0; w < v; w++) {
          sum += lambda[o + w];
        }
        double psiSum = DocumentInference.digamma(sum);
        g -= SpecialFunctions.lgamma(sum);
        for (int w = 0; w < v; w++) {
          double l = lambda[o + w];
          double elog = DocumentInference.digamma(l) - psiSum;
          weights[w * k + c] = Math.exp(elog);
          g += SpecialFunctions.lgamma(l) + (eta - l) * elog;
        }
      }
      globalElbo = g;
    }

    @Override
    public LocalResult run(Batch rows) {
      checkRows(rows);
      int b = rows.size();
      int[] docs = new int[b];
      int[] offset = new int[b + 1];
      for (int i = 0; i < b; i++) {
        docs[i] = rows.row(i);
        offset[i + 1] = offset[i] + corpus.end(docs[i]) - corpus.start(docs[i]);
      }
      double[] ratio = new double[offset[b]];
      double[] expTheta = new double[b * k];
      double[] gammaMinusOne = new double[b * k];
      DocumentInference di = new DocumentInference(k, alpha);
      double elbo = 0;
      for (int i = 0; i < b; i++) {
        di.fit(corpus, docs[i], weights);
        System.arraycopy(di.ratio(), 0, ratio, offset[i], offset[i + 1] - offset[i]);
        System.arraycopy(di.expElogTheta(), 0, expTheta, i * k, k);
        double[] gamma = di.gamma();
        for (int c = 0; c < k; c++) {
          gammaMinusOne[i * k + c] = gamma[c] - 1;
        }
        elbo += di.wordTerm() + documentTerm(gamma);
      }
      Tensor local = Tensor.constant(new org.ejml.data.DMatrixRMaj(b, k, true, gammaMinusOne));
      return new Part(docs, offset, ratio, expTheta, weights, elbo, local);
    }

    @Override
    public double globalElbo() {
      return globalElbo;
    }
  }

  /** One part's documents: e_d, n_w / s_w per entry, and what to add to the statistics. */
  private final class Part implements LocalResult {
    private final int[] docs;
    private final int[] offset;
    private final double[] ratio;
    private final double[] expTheta;
    private final double[] weights;
    private final double elbo;
    private final Tensor local;

    Part(int[] docs, int[] offset, double[] ratio, double[] expTheta, double[] weights,
        double elbo, Tensor local) {
      this.docs = docs;
      this.offset = offset;
      this.ratio = ratio;
      this.expTheta = expTheta;
      this.weights = weights;
      this.elbo = elbo;
      this.local = local;
    }

    /** statistics[w·K + k] += n_dw φ_dwk = e_dk · (n_dw / s_dw) · W_kw, documents in order. */
    @Override
    public void addStatisticsTo(double[] total) {
      if (total.length != k * v) {
        throw new IllegalArgumentException("Model '" + NAME + "': statistics buffer of length "
            + total.length + ", expected K x V = " + (k * v));
      }
      for (int i = 0; i < docs.length; i++) {
        int s = corpus.start(docs[i]);
        int eo = i * k;
        for (int j = 0, n = offset[i + 1] - offset[i]; j < n; j++) {
          int base = corpus.wordId(s + j) * k;
          double r = ratio[offset[i] + j];
          for (int c = 0; c < k; c++) {
            total[base + c] += r * expTheta[eo + c] * weights[base + c];
          }
        }
      }
    }

    @Override
    public double localElbo() {
      return elbo;
    }

    @Override
    public Map<String, Tensor> localNaturalParameters() {
      return Map.of(PROPORTIONS, local);
    }
  }

  /**
   * log Γ(Kα) − K log Γ(α) − log Γ(Σγ) + Σ_k (log Γ(γ_k) + (α − γ_k) E log θ_k): E_q[log p(θ_d)] −
   * E_q[log q(θ_d)].
   */
  double documentTerm(double[] gamma) {
    double sum = 0;
    for (double g : gamma) {
      sum += g;
    }
    double psiSum = DocumentInference.digamma(sum);
    double t = SpecialFunctions.lgamma(k * alpha) - k * SpecialFunctions.lgamma(alpha)
        - SpecialFunctions.lgamma(sum);
    for (double g : gamma) {
      t += SpecialFunctions.lgamma(g) + (alpha - g) * (DocumentInference.digamma(g) - psiSum);
    }
    return t;
  }

  // ------------------------------------------------------------------ ELBO

  /** The closed-form ELBO (class javadoc) when {@code q} is an {@link LdaGuide} of this model. */
  @Override
  public OptionalDouble closedFormElbo(VariationalFamily q) {
    if (q instanceof LdaGuide g && g.fits(this)) {
      return OptionalDouble.of(elbo(g));
    }
    return OptionalDouble.empty();
  }

  /**
   * The ELBO of all documents under {@code q} (class javadoc): φ at its optimum given q's γ and λ.
   *
   * @throws IllegalArgumentException if {@code q} was built for another corpus size, K or V
   */
  public double elbo(LdaGuide q) {
    Objects.requireNonNull(q, "q");
    if (!q.fits(this)) {
      throw new IllegalArgumentException("Model '" + NAME + "': guide " + q + " is not for "
          + this);
    }
    Step step = new Step(q.lambda());
    double elbo = step.globalElbo();
    double[] gamma = new double[k];
    double[] e = new double[k];
    double[][] all = q.proportionConcentrations();
    for (int d = 0; d < corpus.documents(); d++) {
      System.arraycopy(all[d], 0, gamma, 0, k);
      DocumentInference.expectation(gamma, e);
      for (int j = corpus.start(d); j < corpus.end(d); j++) {
        int base = corpus.wordId(j) * k;
        double s = 0;
        for (int c = 0; c < k; c++) {
          s += e[c] * step.weights[base + c];
        }
        elbo += corpus.count(j) * Math.log(Math.max(s, Double.MIN_NORMAL));
      }
      elbo += documentTerm(gamma);
    }
    return elbo;
  }

  @Override
  public String toString() {
    return "LdaModel[K=" + k + ", " + corpus + ", alpha=" + alpha + ", eta=" + eta + "]";
  }
}
