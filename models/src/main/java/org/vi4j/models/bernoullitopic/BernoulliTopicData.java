package org.vi4j.models.bernoullitopic;

import java.util.ArrayList;
import java.util.List;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.random.Rng;

/**
 * A seeded synthetic corpus drawn from a {@link BernoulliTopicModel} with a linear decoder and known
 * parameters, shared by the tests, the demo and the benchmark (the same seed gives the same truth
 * and documents everywhere).
 *
 * <pre>{@code
 * BernoulliTopicData d = BernoulliTopicData.experiment(1);   // K = 8, V = 500, 2,000 + 500 docs
 * d.train();                                     // the corpus to fit
 * d.trueModel(d.heldOut()).logEvidencePerDocument(...);      // the true model on held-out docs
 * FactorMatching.match(fitted.factorEffects(), d.weights()).meanCosine();
 * }</pre>
 *
 * <p><strong>The truth.</strong> Word ids are split into K blocks of m = ⌊V / (2K)⌋ words (factor
 * j's words are ids j·m … (j+1)·m − 1, named {@code t<j>-<i>}) and a background of the rest
 * (named {@code bg-<i>}). W<sub>jw</sub> is uniform on [{@value #LOW}, {@value #HIGH}) for factor j's
 * words and 0 elsewhere; the bias b<sub>w</sub> is N(0, {@value #BIAS_SD}²). A document draws
 * z<sub>j</sub> ~ Bernoulli(α), then {@code length} tokens from softmax(z·W + b).
 *
 * <p>Draw order from one {@link Rng#seeded} stream: W's K·m nonzero entries (factor-major), the V
 * biases, then per document (training first, then held-out) its K factors and its tokens, each by
 * inversion of the cumulative probabilities with one uniform.
 *
 * @param seed the seed
 * @param alpha the true α
 * @param weights the true W, K x V
 * @param bias the true b, V
 * @param train the training corpus
 * @param trainFactors the true z of each training document, D x K (0/1)
 * @param heldOut the held-out corpus (same vocabulary)
 */
public record BernoulliTopicData(long seed, double alpha, double[][] weights, double[] bias,
    Corpus train, int[][] trainFactors, Corpus heldOut) {

  /** The experiment's K. */
  public static final int K = 8;
  /** The experiment's V. */
  public static final int VOCABULARY = 500;
  /** The experiment's training documents. */
  public static final int DOCUMENTS = 2000;
  /** The experiment's held-out documents. */
  public static final int HELD_OUT = 500;
  /** The experiment's tokens per document. */
  public static final int LENGTH = 100;
  /** The experiment's α. */
  public static final double ALPHA = 0.3;
  /** Range of a factor's log-weight boost on its own words. */
  public static final double LOW = 1.5;
  public static final double HIGH = 3.0;
  /** Standard deviation of the background log-weights. */
  public static final double BIAS_SD = 0.5;

  /** Copies the arrays. */
  public BernoulliTopicData {
    weights = deepCopy(weights);
    bias = bias.clone();
    int[][] z = new int[trainFactors.length][];
    for (int i = 0; i < z.length; i++) {
      z[i] = trainFactors[i].clone();
    }
    trainFactors = z;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** The experiment of the issue: K = 8, V = 500, 2,000 training and 500 held-out documents of 100 tokens, α = 0.3. */
  public static BernoulliTopicData experiment(long seed) {
    return generate(seed, K, VOCABULARY, DOCUMENTS, HELD_OUT, LENGTH, ALPHA);
  }

  /**
   * A corpus from a fresh random truth.
   *
   * @param k factors, ≥ 1, with 2k ≤ v (each factor owns at least one word)
   * @param v vocabulary size
   * @param documents training documents, ≥ 1
   * @param heldOut held-out documents, ≥ 0
   * @param length tokens per document, ≥ 0
   * @param alpha the true α in (0, 1)
   * @throws IllegalArgumentException naming the bad value
   */
  public static BernoulliTopicData generate(long seed, int k, int v, int documents, int heldOut,
      int length, double alpha) {
    if (!(k >= 1) || !(v >= 2 * k) || !(documents >= 1) || !(heldOut >= 0) || !(length >= 0)
        || !(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("BernoulliTopicData: need k >= 1, v >= 2k, documents >= 1, "
          + "heldOut >= 0, length >= 0 and alpha in (0, 1); got k=" + k + ", v=" + v + ", documents="
          + documents + ", heldOut=" + heldOut + ", length=" + length + ", alpha=" + alpha);
    }
    Rng rng = Rng.seeded(seed);
    int m = v / (2 * k);
    double[][] w = new double[k][v];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < m; i++) {
        w[j][j * m + i] = LOW + (HIGH - LOW) * rng.nextDouble();
      }
    }
    double[] b = new double[v];
    for (int i = 0; i < v; i++) {
      b[i] = BIAS_SD * rng.nextGaussian();
    }
    List<String> words = new ArrayList<>(v);
    for (int i = 0; i < v; i++) {
      words.add(i < k * m ? "t" + (i / m) + "-" + (i % m) : "bg-" + (i - k * m));
    }
    int[][] z = new int[documents][];
    Corpus train = draw(rng, w, b, words, documents, length, alpha, z);
    Corpus held = draw(rng, w, b, words, heldOut, length, alpha, null);
    return new BernoulliTopicData(seed, alpha, w, b, train, z, held);
  }

  private static Corpus draw(Rng rng, double[][] w, double[] b, List<String> words, int n,
      int length, double alpha, int[][] factors) {
    int k = w.length;
    int v = b.length;
    Corpus.Builder cb = Corpus.builder(words);
    double[] logits = new double[v];
    double[] cumulative = new double[v];
    int[] tokens = new int[length];
    int[] z = new int[k];
    for (int d = 0; d < n; d++) {
      for (int j = 0; j < k; j++) {
        z[j] = rng.nextDouble() < alpha ? 1 : 0;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < v; i++) {
        double l = b[i];
        for (int j = 0; j < k; j++) {
          l += z[j] * w[j][i];
        }
        logits[i] = l;
        max = Math.max(max, l);
      }
      double total = 0;
      for (int i = 0; i < v; i++) {
        total += Math.exp(logits[i] - max);
        cumulative[i] = total;
      }
      for (int t = 0; t < length; t++) {
        tokens[t] = search(cumulative, rng.nextDouble() * total);
      }
      cb.addTokens(tokens.clone());
      if (factors != null) {
        factors[d] = z.clone();
      }
    }
    return cb.build();
  }

  /** The first index whose cumulative weight exceeds u (the last one if rounding puts u at the top). */
  private static int search(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** K. */
  public int factors() {
    return weights.length;
  }

  /** A copy of the true W, K x V. */
  @Override
  public double[][] weights() {
    return deepCopy(weights);
  }

  /** A copy of the true b. */
  @Override
  public double[] bias() {
    return bias.clone();
  }

  /** Copies of the true factors of the training documents, D x K. */
  @Override
  public int[][] trainFactors() {
    int[][] z = new int[trainFactors.length][];
    for (int i = 0; i < z.length; i++) {
      z[i] = trainFactors[i].clone();
    }
    return z;
  }

  /** The true model (linear decoder at W and b, prior α) over {@code corpus}. */
  public BernoulliTopicModel trueModel(Corpus corpus) {
    BernoulliTopicModel m = BernoulliTopicModel.builder(corpus).factors(factors()).alpha(alpha)
        .build();
    m.setLinearDecoder(weights, bias);
    return m;
  }
}
