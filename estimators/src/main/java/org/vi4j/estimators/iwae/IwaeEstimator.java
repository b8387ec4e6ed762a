package org.vi4j.estimators.iwae;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.estimators.internal.Estimates;

/**
 * The importance-weighted bound (Burda, Grosse &amp; Salakhutdinov 2016, "Importance Weighted
 * Autoencoders", ICLR, eq. 8) for models whose latents are all LOCAL: with k samples
 * z<sub>1..k,i</sub> ~ q(z | x<sub>i</sub>) per data row,
 * <pre>
 *   L_k(x_i) = log (1/k) Σ_s w_{s,i},   w_{s,i} = p(x_i, z_{s,i}) / q(z_{s,i} | x_i)
 *   L̂ = (N/B) Σ_{i∈B} L_k(x_i)
 * </pre>
 * E[L_k] ≤ log p(x_i), L_1 is the ELBO, L_k increases with k and tends to log p(x_i) as k → ∞
 * (their Theorem 1). The gradient is taken pathwise through the reparameterised samples (their
 * eq. 14: the normalised weights w̃ multiply each sample's gradient, which the tape's
 * log-sum-exp gives).
 *
 * <pre>{@code
 * IwaeEstimator est = new IwaeEstimator(5);            // train with k = 5
 * ElboEstimate e = est.estimate(vae, guide, batch, rng);
 * double[] logPx = est.logMarginal(vae, guide, test, rng, 5000, 500);  // per row, chunks of 500
 * }</pre>
 *
 * <p><strong>Needs</strong> a model with {@link PointwiseLogJoint} (the log joint per data row)
 * and a reparameterizable guide with {@link FactorizedFamily} factors for every latent, whose
 * factors give log q(z_{s,i} | x_i) per row. The reported estimate's standard error is over the
 * batch rows. One {@link Tape} per instance, reset on every call.
 */
public final class IwaeEstimator implements GradientEstimator {

  private final int samples;
  private final Tape tape = new Tape();
  private double[] perRow = new double[0];

  /**
   * @param samples k ≥ 1, importance samples per data row
   * @throws IllegalArgumentException if {@code samples <= 0}
   */
  public IwaeEstimator(int samples) {
    if (!(samples > 0)) {
      throw new IllegalArgumentException("estimator '" + IwaeProvider.NAME
          + "': samples must be > 0, got " + samples);
    }
    this.samples = samples;
  }

  /** k. */
  public int samples() {
    return samples;
  }

  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Estimates.requireArguments(IwaeProvider.NAME, m, q, batch, rng);
    List<String> problems = check(m, q);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    try (Tape t = tape.reset()) {
      t.watch(m.parameters());
      t.watch(q.parameters());
      Tensor bounds = rowBounds(m, q, batch, rng, samples);     // B x 1, L_k(x_i)
      Tensor surrogate = bounds.sum().mul(batch.scale());
      if (surrogate.requiresGrad()) {
        t.backward(surrogate);
      }
      int b = batch.size();
      if (perRow.length != b) {
        perRow = new double[b];
      }
      double[] v = bounds.value().data;
      for (int i = 0; i < b; i++) {
        perRow[i] = v[i] * batch.total();
      }
      return ElboEstimate.fromSamples(perRow);
    }
  }

  /**
   * L_k(x_i) per batch row, B x 1: log-mean-exp over k samples of log w_{s,i}.
   */
  private static Tensor rowBounds(Model m, VariationalFamily q, Batch batch, Rng rng, int k) {
    Tensor logW = logWeights(m, q, batch, rng, k);              // (k·B) x 1, row s·B + i
    int b = batch.size();
    Tensor perRowSamples = k == 1 ? logW : logW.reshape(k, b).transpose();   // B x k
    return perRowSamples.logSumExp().sub(Math.log(k));
  }

  /** log w_{s,i} = log p(x_i, z_{s,i}) − log q(z_{s,i} | x_i), (k·B) x 1, particle-major. */
  private static Tensor logWeights(Model m, VariationalFamily q, Batch batch, Rng rng, int k) {
    Draw d = q.draw(batch, rng, k);
    Estimates.checkDraw(IwaeProvider.NAME, q, d, k);
    PointwiseLogJoint pw = m.as(PointwiseLogJoint.class).orElseThrow();
    FactorizedFamily ff = q.as(FactorizedFamily.class).orElseThrow();
    Tensor logW = pw.logJointPerRow(d.z(), batch);
    int rows = k * batch.size();
    if (logW.rows() != rows || logW.cols() != 1) {
      throw new IllegalStateException("estimator '" + IwaeProvider.NAME + "': model "
          + Estimates.describe(m) + " returned a per-row log joint of shape " + logW.shape()
          + ", expected " + rows + "x1");
    }
    for (Latent l : m.latents().latents()) {
      Distribution f = ff.factor(l.name());
      logW = logW.sub(f.logProb(d.z().get(l.name())).sumRows());
    }
    return logW;
  }

  /**
   * Estimates log p(x_i) for every row of {@code batch} with the bound L_k, drawing the k samples
   * in chunks of {@code chunk} (so large k, e.g. 5,000, fits in memory) and combining them with a
   * streaming log-sum-exp. No gradients are recorded.
   *
   * @param k importance samples per row, &gt; 0
   * @param chunk samples per pass, in [1, k]
   * @return L_k(x_i) per row, length B
   */
  public double[] logMarginal(Model m, VariationalFamily q, Batch batch, Rng rng, int k, int chunk) {
    Estimates.requireArguments(IwaeProvider.NAME, m, q, batch, rng);
    List<String> problems = check(m, q);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    if (!(k > 0 && chunk > 0 && chunk <= k)) {
      throw new IllegalArgumentException("estimator '" + IwaeProvider.NAME + "': logMarginal needs "
          + "k > 0 and 0 < chunk <= k, got k " + k + ", chunk " + chunk);
    }
    int b = batch.size();
    double[] max = new double[b];
    double[] sum = new double[b];
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int done = 0; done < k; done += chunk) {
      int kc = Math.min(chunk, k - done);
      double[] w = logWeights(m, q, batch, rng, kc).value().data;
      for (int s = 0; s < kc; s++) {
        for (int i = 0; i < b; i++) {
          double x = w[s * b + i];
          if (x > max[i]) {
            sum[i] = sum[i] * Math.exp(max[i] - x) + 1.0;
            max[i] = x;
          } else {
            sum[i] += Math.exp(x - max[i]);
          }
        }
      }
    }
    double[] out = new double[b];
    for (int i = 0; i < b; i++) {
      out[i] = max[i] + Math.log(sum[i]) - Math.log(k);
    }
    return out;
  }

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>();
    if (!q.reparameterizable()) {
      problems.add("estimator '" + IwaeProvider.NAME + "' needs a reparameterizable guide, but "
          + Estimates.describe(q) + " is not; use 'score-function'");
    }
    if (m.as(PointwiseLogJoint.class).isEmpty()) {
      problems.add("estimator '" + IwaeProvider.NAME + "' weights samples per data row and needs "
          + "a model with a per-row log joint (PointwiseLogJoint, e.g. 'vae'); "
          + Estimates.describe(m) + " has none: use 'reparam'");
    }
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    for (Latent l : m.latents().latents()) {
      if (!l.local()) {
        problems.add("estimator '" + IwaeProvider.NAME + "' needs every latent to be LOCAL (one per "
            + "data row); latent " + l.describe() + " is not: use 'reparam'");
      } else if (ff.isEmpty() || !ff.get().factorLatents().contains(l.name())) {
        problems.add("estimator '" + IwaeProvider.NAME + "' needs the guide's per-row factor of "
            + "latent '" + l.name() + "' (FactorizedFamily, e.g. the 'amortized' guide); "
            + Estimates.describe(q) + " has none");
      }
    }
    return problems;
  }

  @Override
  public String toString() {
    return "IwaeEstimator[samples=" + samples + "]";
  }
}
