package org.vi4j.models.lda;

import java.util.Arrays;
import java.util.Objects;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.math.Matching;
import org.vi4j.core.random.Rng;

/**
 * How an LDA fit is scored: held-out perplexity by document completion, topic recovery against
 * known topics, and top words. The same definitions are used by the report, the tests and the
 * scikit-learn comparison ({@code bench/lda/compare_sklearn.py} implements them line for line).
 *
 * <pre>{@code
 * double[][] lambda = guide.topicConcentrations();                      // K x V
 * double ppl = LdaEvaluation.completionPerplexity(s.heldOutObserved(), s.heldOutScored(),
 *     LdaEvaluation.expElogTopics(lambda), LdaEvaluation.meanTopics(lambda), alpha);
 * LdaEvaluation.Recovery r =
 *     LdaEvaluation.topicRecovery(LdaEvaluation.meanTopics(lambda), s.topics());
 * r.meanCosine();                                                        // 1 = every topic found
 * }</pre>
 *
 * <p><strong>Completion perplexity</strong> (Wallach et al. 2009's "document completion"; Hoffman,
 * Blei &amp; Bach 2010, §4): for each held-out document, γ is fitted on its observed half with
 * {@link DocumentInference} (γ = 1 start, tolerance 1e-3, at most 100 updates — scikit-learn's
 * {@code transform}) using the given topic weights (exp E_q[log β] for a fit, as scikit-learn's
 * {@code exp_dirichlet_component_}; the true β for the ceiling); θ̂ = γ / Σγ; then
 * perplexity = exp(− Σ_d Σ_{w ∈ scored half} n_dw log Σ_k θ̂_dk β̂_kw / N_scored), β̂ the given
 * scoring topics (E_q[β] = λ / Σλ for a fit).
 *
 * <p><strong>Recovery</strong>: the cosine similarity of every fitted topic–word vector with every
 * true one, the one-to-one matching that maximises the total (the Hungarian algorithm, Kuhn 1955 /
 * Munkres 1957, O(K³)), and the mean cosine over the matched pairs.
 */
public final class LdaEvaluation {

  private LdaEvaluation() {}

  /**
   * Splits each document's tokens at random into an observed half of ⌊n/2⌋ tokens and a scored
   * half of the rest (a uniformly random permutation of the tokens per document).
   *
   * @param rng the randomness. Modified (advanced).
   * @return {observed, scored}, documents in the same order
   */
  public static Corpus[] completionSplit(Corpus docs, Rng rng) {
    Objects.requireNonNull(docs, "docs");
    Objects.requireNonNull(rng, "rng");
    Corpus.Builder observed = Corpus.builder(docs.vocabulary());
    Corpus.Builder scored = Corpus.builder(docs.vocabulary());
    for (int d = 0; d < docs.documents(); d++) {
      int n = docs.length(d);
      int[] tokens = new int[n];
      int p = 0;
      for (int j = docs.start(d); j < docs.end(d); j++) {
        for (int c = 0; c < docs.count(j); c++) {
          tokens[p++] = docs.wordId(j);
        }
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = tokens[i];
        tokens[i] = tokens[j];
        tokens[j] = t;
      }
      observed.addTokens(Arrays.copyOfRange(tokens, 0, n / 2));
      scored.addTokens(Arrays.copyOfRange(tokens, n / 2, n));
    }
    return new Corpus[] {observed.build(), scored.build()};
  }

  /** exp(E_q[log β_kw]) = exp(ψ(λ_kw) − ψ(Σ_w λ_kw)) for Dirichlet concentrations λ, K x V. */
  public static double[][] expElogTopics(double[][] lambda) {
    double[][] out = new double[lambda.length][];
    for (int c = 0; c < lambda.length; c++) {
      double sum = 0;
      for (double l : lambda[c]) {
        sum += l;
      }
      double psiSum = DocumentInference.digamma(sum);
      out[c] = new double[lambda[c].length];
      for (int w = 0; w < out[c].length; w++) {
        out[c][w] = Math.exp(DocumentInference.digamma(lambda[c][w]) - psiSum);
      }
    }
    return out;
  }

  /** E_q[β] = λ_k / Σ_w λ_kw, K x V. */
  public static double[][] meanTopics(double[][] lambda) {
    double[][] out = new double[lambda.length][];
    for (int c = 0; c < lambda.length; c++) {
      double sum = 0;
      for (double l : lambda[c]) {
        sum += l;
      }
      out[c] = new double[lambda[c].length];
      for (int w = 0; w < out[c].length; w++) {
        out[c][w] = lambda[c][w] / sum;
      }
    }
    return out;
  }

  /**
   * γ of every document of {@code docs} given topic weights W (exp E_q[log β], or a plug-in β),
   * K x V, and the symmetric prior α: {@link DocumentInference} from γ = 1.
   *
   * @return D x K
   * @throws IllegalArgumentException if W does not have V columns or is not positive and finite
   */
  public static double[][] inferProportions(Corpus docs, double[][] weights, double alpha) {
    double[] wt = wordMajor(weights, docs.vocabularySize());
    int k = weights.length;
    DocumentInference di = new DocumentInference(k, alpha);
    double[][] gamma = new double[docs.documents()][];
    for (int d = 0; d < docs.documents(); d++) {
      di.fit(docs, d, wt);
      gamma[d] = di.gamma().clone();
    }
    return gamma;
  }

  /**
   * The completion perplexity (class javadoc): θ inferred from {@code observed} with
   * {@code inferWeights}, {@code scored} scored with {@code scoringTopics} (rows summing to one).
   *
   * @return the perplexity; NaN if {@code scored} has no tokens
   * @throws IllegalArgumentException if the corpora have different documents counts or vocabularies
   *     or a matrix has the wrong shape
   */
  public static double completionPerplexity(Corpus observed, Corpus scored,
      double[][] inferWeights, double[][] scoringTopics, double alpha) {
    if (observed.documents() != scored.documents()) {
      throw new IllegalArgumentException("completionPerplexity: " + observed.documents()
          + " observed halves but " + scored.documents() + " scored halves");
    }
    if (observed.vocabularySize() != scored.vocabularySize()) {
      throw new IllegalArgumentException("completionPerplexity: vocabularies of " 
          + observed.vocabularySize() + " and " + scored.vocabularySize() + " words");
    }
    int k = inferWeights.length;
    if (scoringTopics.length != k) {
      throw new IllegalArgumentException("completionPerplexity: " + k + " inference topics but "
          + scoringTopics.length + " scoring topics");
    }
    double[][] gamma = inferProportions(observed, inferWeights, alpha);
    checkShape(scoringTopics, scored.vocabularySize(), "scoring topics");
    double logLik = 0;
    long tokens = 0;
    double[] theta = new double[k];
    for (int d = 0; d < scored.documents(); d++) {
      double sum = 0;
      for (double g : gamma[d]) {
        sum += g;
      }
      for (int c = 0; c < k; c++) {
        theta[c] = gamma[d][c] / sum;
      }
      for (int j = scored.start(d); j < scored.end(d); j++) {
        int w = scored.wordId(j);
        double p = 0;
        for (int c = 0; c < k; c++) {
          p += theta[c] * scoringTopics[c][w];
        }
        logLik += scored.count(j) * Math.log(p);
        tokens += scored.count(j);
      }
    }
    return tokens == 0 ? Double.NaN : Math.exp(-logLik / tokens);
  }

  /**
   * The topic recovery of {@code fitted} against {@code truth} (class javadoc).
   *
   * @param fitted K x V topic–word vectors (any non-negative scale); not modified
   * @param truth K' x V, K' ≤ K; not modified
   * @throws IllegalArgumentException on mismatched shapes or more true topics than fitted ones
   */
  public static Recovery topicRecovery(double[][] fitted, double[][] truth) {
    int k = fitted.length;
    int kt = truth.length;
    if (kt == 0 || kt > k) {
      throw new IllegalArgumentException("topicRecovery: " + kt + " true topics for " + k
          + " fitted ones; need 1 <= true <= fitted");
    }
    int v = truth[0].length;
    checkShape(fitted, v, "fitted topics");
    checkShape(truth, v, "true topics");
    double[][] cos = new double[kt][k];
    for (int i = 0; i < kt; i++) {
      for (int j = 0; j < k; j++) {
        cos[i][j] = Matching.cosine(truth[i], fitted[j]);
      }
    }
    int[] match = Matching.maximumAssignment(cos);
    double[] matched = new double[kt];
    double sum = 0;
    for (int i = 0; i < kt; i++) {
      matched[i] = cos[i][match[i]];
      sum += matched[i];
    }
    return new Recovery(sum / kt, match, matched);
  }

  /**
   * The outcome of {@link #topicRecovery}.
   *
   * @param meanCosine the mean cosine over matched pairs, in [0, 1] for non-negative vectors
   * @param match match[i] = the fitted topic matched with true topic i
   * @param cosines cosines[i] = the cosine of true topic i with its match
   */
  public record Recovery(double meanCosine, int[] match, double[] cosines) {

    /** Copies the arrays. */
    public Recovery {
      match = match.clone();
      cosines = cosines.clone();
    }

    @Override
    public int[] match() {
      return match.clone();
    }

    @Override
    public double[] cosines() {
      return cosines.clone();
    }
  }

  /**
   * The {@code n} highest-weight word ids of each topic, best first (ties by lower id).
   *
   * @return K x min(n, V)
   */
  public static int[][] topWords(double[][] topics, int n) {
    int[][] out = new int[topics.length][];
    for (int c = 0; c < topics.length; c++) {
      double[] t = topics[c];
      Integer[] ids = new Integer[t.length];
      for (int w = 0; w < t.length; w++) {
        ids[w] = w;
      }
      Arrays.sort(ids, (a, b) -> t[a] != t[b] ? Double.compare(t[b], t[a]) : Integer.compare(a, b));
      int m = Math.min(n, t.length);
      out[c] = new int[m];
      for (int i = 0; i < m; i++) {
        out[c][i] = ids[i];
      }
    }
    return out;
  }

  /** W (K x V) transposed to word-major {@code [w * K + k]}, checked positive and finite. */
  static double[] wordMajor(double[][] weights, int v) {
    int k = weights.length;
    if (k < 1) {
      throw new IllegalArgumentException("topic weights: no topics");
    }
    checkShape(weights, v, "topic weights");
    double[] out = new double[v * k];
    for (int c = 0; c < k; c++) {
      for (int w = 0; w < v; w++) {
        double x = weights[c][w];
        if (!(x >= 0 && x < Double.POSITIVE_INFINITY)) {
          throw new IllegalArgumentException("topic weights: entry (" + c + ", " + w + ") = " + x
              + "; must be finite and >= 0");
        }
        out[w * k + c] = x;
      }
    }
    return out;
  }

  private static void checkShape(double[][] m, int v, String what) {
    for (int c = 0; c < m.length; c++) {
      if (m[c].length != v) {
        throw new IllegalArgumentException(what + ": row " + c + " has " + m[c].length
            + " entries for a vocabulary of " + v);
      }
    }
  }
}
