package org.vi4j.models.lda;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The mean-field family of {@link LdaModel}: q(β_k) = Dirichlet(λ_k) per topic and
 * q(θ_d) = Dirichlet(γ_d) per document (q(z) is implicit, see the model), with the
 * {@link ConjugateFactors} that {@code cavi} and {@code svi} read and write. Model-specific (it
 * holds one γ row per training document), so it lives with the model.
 *
 * <pre>{@code
 * LdaGuide q = new LdaGuide(model, Rng.seeded(1));   // λ ~ Gamma(100, 100) entrywise, γ = 1
 * ... fit with cavi or svi ...
 * q.topicMeans();        // E[β] = λ / Σλ, K x V
 * q.documentTopics();    // E[θ] = γ / Σγ, D x K
 * }</pre>
 *
 * <p><strong>Parameters</strong> (φ, stored as they are, not in an unconstrained space):
 * {@code topics.concentration} (K x V, λ) and {@code proportions.concentration} (D x K, γ).
 * <strong>Natural-parameter layouts</strong>: {@code topics} 1 x K·V (λ − 1, topic-major),
 * E[T] = E log β; {@code proportions} B x K (γ − 1 of the batch's documents), E[T] = E log θ.
 *
 * <p><strong>Start</strong>: λ_kw ~ Gamma(100, rate 100) (mean 1, sd 0.1), as Hoffman's
 * {@code onlineldavb} and scikit-learn, which breaks the topics' symmetry; γ_d = 1 until a step
 * fits document d. <strong>Draws</strong> are exact Dirichlet samples (not reparameterised, no
 * gradient) with log q, the document terms scaled by N/B; with tiny concentrations (λ or γ near
 * 0.01) coordinates underflow to 0 and log q is infinite, so Monte Carlo ELBOs are for moderate
 * concentrations only — the model's ELBO is in closed form.
 */
public final class LdaGuide implements VariationalFamily, ConjugateFactors {

  private static final Set<Support> SUPPORTS =
      java.util.Collections.unmodifiableSet(EnumSet.of(Support.SIMPLEX));
  /** Shape and rate of the Gamma start of λ. */
  static final double START_SHAPE = 100;

  private final int k;
  private final int v;
  private final int d;
  private final ParamStore params = new ParamStore();
  private final Param lambda;
  private final Param gamma;

  /**
   * @param model the model this family is for. Not modified.
   * @param rng the randomness of the start. Modified (advanced).
   */
  public LdaGuide(LdaModel model, Rng rng) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(rng, "rng");
    this.k = model.topics();
    this.v = model.vocabularySize();
    this.d = model.documents();
    lambda = params.add(LdaModel.TOPICS + ".concentration", k, v, 1.0);
    gamma = params.add(LdaModel.PROPORTIONS + ".concentration", d, k, 1.0);
    double[] l = lambda.value().data;
    for (int i = 0; i < k * v; i++) {
      l[i] = Samplers.gamma(rng, START_SHAPE, START_SHAPE);
    }
  }

  /** True if this guide has the shape of {@code model}'s posterior (D, K, V). */
  public boolean fits(LdaModel model) {
    return model.topics() == k && model.vocabularySize() == v && model.documents() == d;
  }

  @Override
  public ParamStore parameters() {
    return params;
  }

  @Override
  public boolean reparameterizable() {
    return false;
  }

  @Override
  public Set<Support> supports() {
    return SUPPORTS;
  }

  /** λ, K x V (a copy). */
  public double[][] topicConcentrations() {
    return rows(lambda.value().data, k, v);
  }

  /** γ, D x K (a copy). */
  public double[][] proportionConcentrations() {
    return rows(gamma.value().data, d, k);
  }

  /** E_q[β] = λ_k / Σλ_k, K x V. */
  public double[][] topicMeans() {
    return LdaEvaluation.meanTopics(topicConcentrations());
  }

  /** E_q[θ_d] = γ_d / Σγ_d, D x K: the document–topic proportions. */
  public double[][] documentTopics() {
    double[][] g = proportionConcentrations();
    for (double[] row : g) {
      double s = 0;
      for (double x : row) {
        s += x;
      }
      for (int c = 0; c < row.length; c++) {
        row[c] /= s;
      }
    }
    return g;
  }

  /** λ flat, topic-major (a copy). */
  double[] lambda() {
    return Arrays.copyOf(lambda.value().data, k * v);
  }

  private static double[][] rows(double[] flat, int r, int c) {
    double[][] out = new double[r][c];
    for (int i = 0; i < r; i++) {
      System.arraycopy(flat, i * c, out[i], 0, c);
    }
    return out;
  }

  // ------------------------------------------------------------------ ConjugateFactors

  private boolean topics(String latent) {
    if (LdaModel.TOPICS.equals(latent)) {
      return true;
    }
    if (LdaModel.PROPORTIONS.equals(latent)) {
      return false;
    }
    throw new IllegalArgumentException("Guide 'lda': no factor '" + latent + "'; known: ["
        + LdaModel.TOPICS + ", " + LdaModel.PROPORTIONS + "]");
  }

  private void checkRows(Batch batch) {
    Objects.requireNonNull(batch, "batch");
    for (int i = 0; i < batch.size(); i++) {
      if (batch.row(i) >= d) {
        throw new IllegalArgumentException("Guide 'lda': batch row " + batch.row(i)
            + " is outside the " + d + " documents this guide was built for");
      }
    }
  }

  /** E log β (1 x K·V) or E log θ of the batch's documents (B x K). */
  @Override
  public Tensor expectedSufficientStatistics(String latent, Batch batch) {
    if (topics(latent)) {
      double[] out = new double[k * v];
      double[] l = lambda.value().data;
      for (int c = 0; c < k; c++) {
        expectedLog(l, c * v, v, out);
      }
      return Tensor.row(out);
    }
    checkRows(batch);
    double[] out = new double[batch.size() * k];
    double[] g = gamma.value().data;
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(g, batch.row(i) * k, out, i * k, k);
      expectedLog(out, i * k, k, out);
    }
    return Tensor.constant(new DMatrixRMaj(batch.size(), k, true, out));
  }

  /** out[o..o+n) = ψ(a[o+i]) − ψ(Σ a[o..o+n)); a and out may be the same array. */
  private static void expectedLog(double[] a, int o, int n, double[] out) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[o + i];
    }
    double psiSum = SpecialFunctions.digamma(s);
    for (int i = 0; i < n; i++) {
      out[o + i] = SpecialFunctions.digamma(a[o + i]) - psiSum;
    }
  }

  /** λ − 1 (1 x K·V) or γ − 1 of the batch's documents (B x K). */
  @Override
  public Tensor naturalParameters(String latent, Batch batch) {
    if (topics(latent)) {
      double[] out = lambda();
      for (int i = 0; i < out.length; i++) {
        out[i] -= 1;
      }
      return Tensor.row(out);
    }
    checkRows(batch);
    double[] out = new double[batch.size() * k];
    double[] g = gamma.value().data;
    for (int i = 0; i < batch.size(); i++) {
      for (int c = 0; c < k; c++) {
        out[i * k + c] = g[batch.row(i) * k + c] - 1;
      }
    }
    return Tensor.constant(new DMatrixRMaj(batch.size(), k, true, out));
  }

  /**
   * Writes λ or the batch's γ rows from η (layouts in the class javadoc); refuses a wrong shape or
   * an η outside the family (η + 1 ≤ 0 or non-finite) and then changes nothing.
   */
  @Override
  public void setNaturalParameters(String latent, Batch batch, Tensor eta) {
    boolean topics = topics(latent);
    Objects.requireNonNull(eta, "eta");
    int rows = topics ? 1 : batch.size();
    int cols = topics ? k * v : k;
    if (eta.rows() != rows || eta.cols() != cols) {
      throw new IllegalArgumentException("Guide 'lda', factor '" + latent
          + "': natural parameters must be " + rows + "x" + cols + ", got " + eta.shape());
    }
    if (!topics) {
      checkRows(batch);
    }
    double[] e = eta.value().data;
    for (int i = 0; i < rows * cols; i++) {
      if (!(e[i] + 1 > 0 && e[i] < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("Guide 'lda', factor '" + latent + "': natural parameter "
            + i + " = " + e[i] + " is outside the family (concentration − 1 must be finite and "
            + "> −1)");
      }
    }
    if (topics) {
      double[] l = lambda.value().data;
      for (int i = 0; i < k * v; i++) {
        l[i] = e[i] + 1;
      }
    } else {
      double[] g = gamma.value().data;
      for (int i = 0; i < rows; i++) {
        int o = batch.row(i) * k;
        for (int c = 0; c < k; c++) {
          g[o + c] = e[i * k + c] + 1;
        }
      }
    }
  }

  // ------------------------------------------------------------------ draws

  /** Exact draws from q (class javadoc); z and log q are constants. */
  @Override
  public Draw draw(Batch batch, Rng rng, int particles) {
    if (!(particles > 0)) {
      throw new IllegalArgumentException("Guide 'lda': particles must be > 0, got " + particles);
    }
    Objects.requireNonNull(rng, "rng");
    checkRows(batch);
    int b = batch.size();
    double[] l = lambda.value().data;
    double[] g = gamma.value().data;
    double[] beta = new double[particles * k * v];
    double[] theta = new double[particles * b * k];
    double[] logQ = new double[particles];
    double[] conc = new double[v];
    double[] row = new double[v];
    double[] concK = new double[k];
    double[] rowK = new double[k];
    for (int p = 0; p < particles; p++) {
      double lq = 0;
      for (int c = 0; c < k; c++) {
        System.arraycopy(l, c * v, conc, 0, v);
        Samplers.dirichlet(rng, conc, row);
        System.arraycopy(row, 0, beta, (p * k + c) * v, v);
        lq += logDirichlet(conc, row);
      }
      double local = 0;
      for (int i = 0; i < b; i++) {
        System.arraycopy(g, batch.row(i) * k, concK, 0, k);
        Samplers.dirichlet(rng, concK, rowK);
        System.arraycopy(rowK, 0, theta, (p * b + i) * k, k);
        local += logDirichlet(concK, rowK);
      }
      logQ[p] = lq + batch.scale() * local;
    }
    Latents z = Latents.builder(particles)
        .put(LdaModel.TOPICS, Tensor.constant(new DMatrixRMaj(particles, k * v, true, beta)))
        .put(LdaModel.PROPORTIONS, Tensor.constant(new DMatrixRMaj(particles * b, k, true, theta)))
        .build();
    return new Draw(z, Tensor.column(logQ));
  }

  private static double logDirichlet(double[] a, double[] x) {
    double s = 0;
    double t = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
      t += (a[i] - 1) * Math.log(x[i]) - SpecialFunctions.lgamma(a[i]);
    }
    return t + SpecialFunctions.lgamma(s);
  }

  @Override
  public String toString() {
    return "LdaGuide[K=" + k + ", V=" + v + ", D=" + d + "]";
  }
}
