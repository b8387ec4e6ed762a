package org.vi4j.models.lda;

import java.util.Arrays;
import org.vi4j.core.data.Corpus;

/**
 * The per-document variational fixed point of LDA (Blei, Ng &amp; Jordan 2003, §5.2) in the fast
 * form of Hoffman, Blei &amp; Bach 2010 ({@code onlineldavb}) and scikit-learn's
 * {@code _update_doc_distribution}: with W_kw = exp(E_q[log β_kw]) precomputed once per global step
 * and e_k = exp(E_q[log θ_dk]), the optimal q(z_dn = k) for word w is φ_wk = e_k W_kw / Σ_j e_j W_jw,
 * so one update of γ_d over the document's distinct words w with counts n_w is
 * <pre>
 *   s_w = Σ_k e_k W_kw                       (φ's normaliser)
 *   γ_k = α + e_k Σ_w (n_w / s_w) W_kw
 *   e_k = exp(ψ(γ_k) − ψ(Σ_j γ_j))
 * </pre>
 * from γ = 1 (scikit-learn's deterministic start), until the mean absolute change of γ falls below
 * {@code tolerance} or after {@code maxIterations} updates. After the loop s_w is recomputed from
 * the final e, so φ is the exact optimum given the returned γ.
 *
 * <pre>{@code
 * DocumentInference di = new DocumentInference(k, alpha, 100, 1e-3);
 * di.fit(corpus, d, expElogBetaT);        // W, word-major: W[w * K + k]
 * di.gamma(); di.expElogTheta(); di.ratio();   // γ, e, n_w / s_w per entry of d
 * }</pre>
 *
 * <p><strong>Cost.</strong> W's columns for the document's words are gathered once per document
 * into two contiguous blocks, topic-major and word-major, so that both sums of an update are
 * element-wise multiply–adds over contiguous rows (no reductions): s accumulates the topics' rows
 * in topic order, Σ_w (n_w / s_w) W_kw accumulates the words' rows in word order. With
 * {@code jdk.incubator.vector} in the boot layer ({@code --add-modules jdk.incubator.vector}, as
 * vi4j's launcher, tests and benchmarks run) those rows are processed as SIMD vectors
 * ({@link VectorKernels}); otherwise by plain loops with the same operations in the same order, so
 * both paths give the same bits. Each update also takes K + 1 exp(ψ) evaluations
 * ({@link #expDigamma}). Nothing is allocated after the scratch has grown to the longest document.
 * Not thread-safe: one instance per thread. Results do not depend on the thread that runs them.
 *
 * <p><strong>Floor.</strong> A normaliser s_w below {@link Double#MIN_NORMAL} (every topic gives
 * the word a weight that underflows, possible only for tiny η) is raised to it so the update stays
 * finite; scikit-learn adds machine epsilon to every s_w instead.
 */
final class DocumentInference {

  /** scikit-learn's {@code max_doc_update_iter}. */
  static final int MAX_ITERATIONS = 100;
  /** scikit-learn's {@code mean_change_tol}: mean |Δγ_k| that counts as converged. */
  static final double TOLERANCE = 1e-3;
  /** True if the SIMD kernels are usable (the incubator module is in the boot layer). */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  /** Lanes the blocks are padded to: the SIMD width, or 1 without it. */
  private static final int LANES = VECTOR ? VectorKernels.lanes() : 1;

  private final boolean simd;
  private final int k;
  private final int kp;
  private final double alpha;
  private final int maxIterations;
  private final double tolerance;
  private final double[] gamma;
  private final double[] gammaPadded; // kp: γ then 1s (SIMD exp ψ)
  private final double[] shifted;     // kp: x + 6
  private final double[] exponent;    // kp: the exponent of exp ψ
  private final double[] expElogTheta;
  private final double[] t;
  private int capacity;     // padded word capacity
  private double[] byTopic; // kp x np: W[w_j, k] at [k * np + j], zero padding
  private double[] byWord;  // np x kp: W[w_j, k] at [j * kp + k], zero padding
  private double[] counts;  // np, zero padding
  private double[] norm;    // np: s_j
  private double[] ratio;   // np: n_j / s_j
  private double wordTerm;
  private int iterations;
  private int entries;

  DocumentInference(int k, double alpha, int maxIterations, double tolerance) {
    this(k, alpha, maxIterations, tolerance, VECTOR);
  }

  /** As above; {@code simd} false forces the plain loops (to check they give the same bits). */
  DocumentInference(int k, double alpha, int maxIterations, double tolerance, boolean simd) {
    if (simd && !VECTOR) {
      throw new IllegalStateException("jdk.incubator.vector is not in the boot layer");
    }
    this.simd = simd;
    this.k = k;
    this.kp = pad(k);
    this.alpha = alpha;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.gamma = new double[k];
    this.gammaPadded = new double[kp];
    Arrays.fill(gammaPadded, 1.0);
    this.shifted = new double[kp];
    this.exponent = new double[kp];
    this.expElogTheta = new double[kp];
    this.t = new double[kp];
    grow(64);
  }

  DocumentInference(int k, double alpha) {
    this(k, alpha, MAX_ITERATIONS, TOLERANCE);
  }

  private static int pad(int n) {
    return (n + LANES - 1) / LANES * LANES;
  }

  private void grow(int words) {
    capacity = pad(words);
    byTopic = new double[kp * capacity];
    byWord = new double[capacity * kp];
    counts = new double[capacity];
    norm = new double[capacity];
    ratio = new double[capacity];
  }

  /**
   * Fits document {@code d} of {@code corpus}.
   *
   * @param weights W word-major, {@code weights[w * K + k]} = exp(E log β_kw) (or any positive topic
   *     weights, e.g. the true β); not modified
   */
  void fit(Corpus corpus, int d, double[] weights) {
    int start = corpus.start(d);
    int n = corpus.end(d) - start;
    if (n > capacity) {
      grow(Math.max(n, 2 * capacity));
    }
    entries = n;
    int np = pad(n);
    final int kk = k;
    Arrays.fill(byTopic, 0, kp * np, 0.0);
    Arrays.fill(byWord, 0, np * kp, 0.0);
    Arrays.fill(counts, 0, np, 0.0);
    for (int j = 0; j < n; j++) {
      int wo = corpus.wordId(start + j) * kk;
      System.arraycopy(weights, wo, byWord, j * kp, kk);
      for (int c = 0; c < kk; c++) {
        byTopic[c * np + j] = weights[wo + c];
      }
      counts[j] = corpus.count(start + j);
    }
    Arrays.fill(gamma, 1.0);
    expectation();
    int it = 0;
    if (n > 0) {
      while (it < maxIterations) {
        it++;
        normalisers(np);
        topicSums(n);
        double change = 0;
        for (int c = 0; c < kk; c++) {
          double g = alpha + expElogTheta[c] * t[c];
          change += Math.abs(g - gamma[c]);
          gamma[c] = g;
        }
        expectation();
        if (change / kk < tolerance) {
          break;
        }
      }
    } else {
      Arrays.fill(gamma, alpha);
      expectation();
    }
    iterations = it;
    normalisers(np);
    double term = 0;
    for (int j = 0; j < n; j++) {
      term += counts[j] * Math.log(Math.max(norm[j], Double.MIN_NORMAL));
    }
    wordTerm = term;
  }

  /** norm[j] = Σ_k e_k W[w_j, k] (topics in order), ratio[j] = n_j / max(norm[j], MIN_NORMAL). */
  private void normalisers(int np) {
    if (simd) {
      VectorKernels.normalisers(byTopic, expElogTheta, k, np, counts, norm, ratio);
      return;
    }
    Arrays.fill(norm, 0, np, 0.0);
    for (int c = 0; c < k; c++) {
      double e = expElogTheta[c];
      int o = c * np;
      for (int j = 0; j < np; j++) {
        norm[j] = norm[j] + e * byTopic[o + j];
      }
    }
    for (int j = 0; j < np; j++) {
      ratio[j] = counts[j] / Math.max(norm[j], Double.MIN_NORMAL);
    }
  }

  /** t[k] = Σ_j ratio[j] W[w_j, k] (words in order). */
  private void topicSums(int n) {
    if (simd) {
      VectorKernels.topicSums(byWord, ratio, n, kp, t);
      return;
    }
    Arrays.fill(t, 0.0);
    for (int j = 0; j < n; j++) {
      double r = ratio[j];
      int o = j * kp;
      for (int c = 0; c < kp; c++) {
        t[c] = t[c] + r * byWord[o + c];
      }
    }
  }

  /** {@link #expectation(double[], double[])} of this document's γ into e; SIMD arithmetic if on. */
  private void expectation() {
    double sum = 0;
    double max = 0;
    for (double g : gamma) {
      sum += g;
      max = Math.max(max, g);
    }
    if (!simd || !(max < 1e7)) {
      expectation(gamma, expElogTheta);
      return;
    }
    double inv = 1 / expDigamma(sum);
    System.arraycopy(gamma, 0, gammaPadded, 0, k);
    VectorKernels.expDigammaArguments(gammaPadded, kp, shifted, exponent);
    for (int c = 0; c < k; c++) {
      expElogTheta[c] = shifted[c] * Math.exp(exponent[c]) * inv;
    }
  }

  /** e = exp(ψ(γ) − ψ(Σγ)) = exp ψ(γ_k) / exp ψ(Σγ). */
  static void expectation(double[] gamma, double[] out) {
    double sum = 0;
    for (double g : gamma) {
      sum += g;
    }
    double inv = 1 / expDigamma(sum);
    for (int c = 0; c < gamma.length; c++) {
      out[c] = expDigamma(gamma[c]) * inv;
    }
  }

  /**
   * exp(ψ(x)) for x &gt; 0 with one exp and one division: ψ(x) = ψ(x + 6) − Σ_{i<6} 1/(x + i), the
   * sum as one fraction of products, and ψ(y), y = x + 6, by the asymptotic series
   * ln y − 1/(2y) − Σ B₂ₙ/(2n y²ⁿ) to n = 6 (Abramowitz &amp; Stegun 6.3.18), so
   * exp ψ(x) = y · exp(−1/(2y) − series − shift). Relative error below 2e-12 for x ≥ 1e-3 (the
   * series' next term is 1/(12 y¹⁴) ≤ 1.1e-12); for x ≥ 1e7, where the products would lose range,
   * the shift is applied term by term.
   */
  static double expDigamma(double x) {
    double y = x + 6;
    double shift;
    double inv;
    if (x < 1e7) {
      double a = x * (x + 1);
      double b = (x + 2) * (x + 3);
      double c = (x + 4) * (x + 5);
      double t2 = 2 * x;
      double num = (t2 + 1) * b * c + (t2 + 5) * a * c + (t2 + 9) * a * b;
      double den = a * b * c;
      double r = 1 / (den * y);
      inv = den * r;
      shift = num * y * r;
    } else {
      inv = 1 / y;
      shift = 1 / x + 1 / (x + 1) + 1 / (x + 2) + 1 / (x + 3) + 1 / (x + 4) + 1 / (x + 5);
    }
    double f = inv * inv;
    double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240
        - f * (1.0 / 132 - f * (691.0 / 32760))))));
    return y * Math.exp(-0.5 * inv - series - shift);
  }

  /**
   * ψ(x) for x &gt; 0 by the same recurrence and series as {@link #expDigamma} (log instead of exp);
   * absolute error below 2e-12 for ψ of moderate size, checked against
   * {@link org.vi4j.core.math.SpecialFunctions#digamma} in the tests. Used where many ψ are needed
   * (E log β over K x V, the ELBO).
   */
  static double digamma(double x) {
    double shift = 0;
    while (x < 6) {
      shift += 1 / x;
      x += 1;
    }
    double inv = 1 / x;
    double f = inv * inv;
    double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240
        - f * (1.0 / 132 - f * (691.0 / 32760))))));
    return Math.log(x) - 0.5 * inv - series - shift;
  }

  /** γ of the last document (the live buffer: copy it before the next {@link #fit}). */
  double[] gamma() {
    return gamma;
  }

  /** exp(E log θ) of the last document (live buffer; the first K entries). */
  double[] expElogTheta() {
    return expElogTheta;
  }

  /** n_w / s_w for the last document's entries, in entry order (live buffer; length ≥ entries). */
  double[] ratio() {
    return ratio;
  }

  /** The last document's number of entries (distinct words). */
  int entries() {
    return entries;
  }

  /** Σ_w n_w log s_w for the last document at the final γ. */
  double wordTerm() {
    return wordTerm;
  }

  /** Updates the last document took. */
  int iterations() {
    return iterations;
  }
}
