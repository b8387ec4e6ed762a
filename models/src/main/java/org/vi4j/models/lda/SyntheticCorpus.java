package org.vi4j.models.lda;

import java.util.Arrays;
import java.util.Objects;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * A corpus drawn from LDA's own generative process, with the truth kept for recovery and ceiling
 * figures: K topics β_k ~ Dirichlet(η 1_V); for each document θ_d ~ Dirichlet(α 1_K) and each of
 * its tokens z ~ Categorical(θ_d), w ~ Categorical(β_z). Training and held-out documents come from
 * the same process; each held-out document's tokens are split at random into an observed half
 * (⌊n/2⌋ tokens, to infer θ from) and a scored half (the rest), for completion perplexity
 * ({@link LdaEvaluation#completionPerplexity}).
 *
 * <pre>{@code
 * SyntheticCorpus s = SyntheticCorpus.generate(SyntheticCorpus.Spec.ISSUE, SyntheticCorpus.SEED);
 * LdaModel model = LdaModel.of(s);                     // K, α, η of the spec; keeps s for the report
 * s.train();  s.heldOutObserved();  s.heldOutScored();
 * s.topics();                                          // the true β, K x V
 * s.trueCompletionPerplexity();                        // the ceiling: θ inferred with the true β
 * }</pre>
 *
 * <p><strong>Reproducible:</strong> the same spec and seed give the same corpus, bit for bit, on
 * every platform (four streams split from {@code Rng.seeded(seed)}: topics, training documents,
 * held-out documents, the split). Immutable; accessors return copies of arrays.
 */
public final class SyntheticCorpus {

  /** The project's fixed seed for the issue's benchmark corpus. */
  public static final long SEED = 20_100_706L;

  /**
   * The generating process's sizes and concentrations.
   *
   * @param topics K ≥ 2
   * @param vocabulary V ≥ 2
   * @param documents training documents ≥ 1
   * @param heldOut held-out documents ≥ 0
   * @param length tokens per document ≥ 2 (held-out halves must be non-empty)
   * @param alpha symmetric document–topic concentration &gt; 0
   * @param eta symmetric topic–word concentration &gt; 0
   */
  public record Spec(int topics, int vocabulary, int documents, int heldOut, int length,
      double alpha, double eta) {

    /** Issue 7's corpus: K = 20, V = 2,000, 5,000 + 500 documents of 100 tokens, α = 0.1, η = 0.01. */
    public static final Spec ISSUE = new Spec(20, 2000, 5000, 500, 100, 0.1, 0.01);

    /** Validates every field (positive checks, so NaN fails). */
    public Spec {
      if (!(topics >= 2)) {
        throw bad("topics", topics, ">= 2");
      }
      if (!(vocabulary >= 2)) {
        throw bad("vocabulary", vocabulary, ">= 2");
      }
      if (!(documents >= 1)) {
        throw bad("documents", documents, ">= 1");
      }
      if (!(heldOut >= 0)) {
        throw bad("held-out documents", heldOut, ">= 0");
      }
      if (!(length >= 2)) {
        throw bad("document length", length, ">= 2");
      }
      if (!(alpha > 0 && alpha < Double.POSITIVE_INFINITY)) {
        throw bad("alpha", alpha, "finite and > 0");
      }
      if (!(eta > 0 && eta < Double.POSITIVE_INFINITY)) {
        throw bad("eta", eta, "finite and > 0");
      }
    }

    private static IllegalArgumentException bad(String what, Object v, String accepted) {
      return new IllegalArgumentException("SyntheticCorpus: " + what + " = " + v
          + " is not accepted; must be " + accepted);
    }
  }

  private final Spec spec;
  private final long seed;
  private final double[][] topics;
  private final double[][] proportions;
  private final Corpus train;
  private final Corpus heldOut;
  private final Corpus observed;
  private final Corpus scored;

  private SyntheticCorpus(Spec spec, long seed, double[][] topics, double[][] proportions,
      Corpus train, Corpus heldOut, Corpus observed, Corpus scored) {
    this.spec = spec;
    this.seed = seed;
    this.topics = topics;
    this.proportions = proportions;
    this.train = train;
    this.heldOut = heldOut;
    this.observed = observed;
    this.scored = scored;
  }

  /** Draws the corpus of {@code spec} from {@code seed}. */
  public static SyntheticCorpus generate(Spec spec, long seed) {
    Objects.requireNonNull(spec, "spec");
    Rng root = Rng.seeded(seed);
    Rng topicRng = root.split();
    Rng trainRng = root.split();
    Rng heldOutRng = root.split();
    Rng splitRng = root.split();
    int k = spec.topics();
    int v = spec.vocabulary();
    double[][] beta = new double[k][v];
    double[] eta = new double[v];
    Arrays.fill(eta, spec.eta());
    double[][] cdf = new double[k][];
    for (int c = 0; c < k; c++) {
      Samplers.dirichlet(topicRng, eta, beta[c]);
      cdf[c] = cumulative(beta[c]);
    }
    double[][] theta = new double[spec.documents()][k];
    Corpus train = documents(spec, trainRng, cdf, theta);
    double[][] heldTheta = new double[spec.heldOut()][k];
    Corpus held = documents(spec, heldOutRng, cdf, heldTheta);
    Corpus[] halves = LdaEvaluation.completionSplit(held, splitRng);
    return new SyntheticCorpus(spec, seed, beta, theta, train, held, halves[0], halves[1]);
  }

  /** The issue's corpus ({@link Spec#ISSUE}) from {@link #SEED}. */
  public static SyntheticCorpus issue() {
    return generate(Spec.ISSUE, SEED);
  }

  private static Corpus documents(Spec spec, Rng rng, double[][] cdf, double[][] theta) {
    int k = spec.topics();
    Corpus.Builder b = Corpus.builder(spec.vocabulary());
    double[] a = new double[k];
    Arrays.fill(a, spec.alpha());
    int[] tokens = new int[spec.length()];
    for (int d = 0; d < theta.length; d++) {
      Samplers.dirichlet(rng, a, theta[d]);
      double[] topicCdf = cumulative(theta[d]);
      for (int n = 0; n < tokens.length; n++) {
        int z = draw(topicCdf, rng);
        tokens[n] = draw(cdf[z], rng);
      }
      b.addTokens(tokens);
    }
    return b.build();
  }

  private static double[] cumulative(double[] p) {
    double[] c = new double[p.length];
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += p[i];
      c[i] = s;
    }
    return c;
  }

  /** The first index whose cumulative weight exceeds u · total (binary search). */
  private static int draw(double[] cdf, Rng rng) {
    double u = rng.nextDouble() * cdf[cdf.length - 1];
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The generating spec. */
  public Spec spec() {
    return spec;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /** The training documents. */
  public Corpus train() {
    return train;
  }

  /** The held-out documents, whole. */
  public Corpus heldOut() {
    return heldOut;
  }

  /** The observed half of each held-out document (θ is inferred from it). */
  public Corpus heldOutObserved() {
    return observed;
  }

  /** The scored half of each held-out document. */
  public Corpus heldOutScored() {
    return scored;
  }

  /** The true topics β, K x V (a copy). */
  public double[][] topics() {
    return copy(topics);
  }

  /** The true proportions θ of the training documents, D x K (a copy). */
  public double[][] proportions() {
    return copy(proportions);
  }

  /**
   * The completion perplexity of the true topics: θ inferred from each observed half with the true
   * β as topic weights, the scored halves scored with the true β ({@link
   * LdaEvaluation#completionPerplexity}); what a fit can hope to reach.
   */
  public double trueCompletionPerplexity() {
    return LdaEvaluation.completionPerplexity(observed, scored, topics, topics, spec.alpha());
  }

  private static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }

  @Override
  public String toString() {
    return "SyntheticCorpus[" + spec + ", seed " + seed + "]";
  }
}
