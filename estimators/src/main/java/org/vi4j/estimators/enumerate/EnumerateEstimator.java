package org.vi4j.estimators.enumerate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.estimators.internal.Estimates;

/**
 * The exact ELBO of discrete LOCAL latents and its exact gradient: the expectation over q is a sum
 * over every configuration c of a data row's latents,
 * <pre>
 *   ELBO_i = Σ_c q(c | x_i) [log p(x_i, c; θ) − log q(c | x_i; φ)],    ELBO = (N/B) Σ_{i∈B} ELBO_i
 * </pre>
 * differentiated by the tape in θ and φ. No sampling: for a given batch the value and gradient are
 * exact (the ground truth the Monte Carlo estimators are checked against), at a cost of
 * C = Π (configurations per block) model evaluations per row: 2^K for K binary values. It refuses a
 * model with more than {@code max-k} binary values per row (C &gt; 2^max-k).
 *
 * <pre>{@code
 * GradientEstimator exact = new EnumerateEstimator(12);      // K ≤ 12: at most 4,096 configurations
 * ElboEstimate e = exact.estimate(model, guide, batch, rng);  // rng unused
 * double[] perRow = new EnumerateEstimator(12).elboPerRow(model, guide, heldOut);   // no gradients
 * }</pre>
 *
 * <p><strong>Needs</strong> every latent LOCAL and discrete — BINARY blocks (2^size configurations)
 * or CATEGORICAL blocks of size 1 (k configurations) —, a model with a per-row log joint
 * ({@link PointwiseLogJoint}), and a guide with a per-row factor of every latent
 * ({@link FactorizedFamily#factor(String, Batch)}, e.g. the {@code amortized} guide), whose
 * {@code logProb} gives log q of a configuration. The configurations are laid out as particles:
 * row c·b + i of each block holds configuration c for row i, so the model and guide see an
 * ordinary particle-major draw.
 *
 * <p><strong>Memory.</strong> The rows of a batch are processed in chunks of at most
 * 2<sup>20</sup> / (C · columns) rows, each recorded and back-propagated on its own (gradients add
 * up), so a large C does not need C · B · V values at once.
 *
 * <p><strong>Reported estimate.</strong> Exact (standard error 0) for a full batch; for a minibatch
 * the value is exact for that batch and its standard error is that of the subsample mean,
 * N · sd(ELBO_i) / √B. One {@link Tape} per instance: an instance serves one fit at a time.
 */
public final class EnumerateEstimator implements GradientEstimator {

  /** Values (configurations x rows x columns) per chunk of rows. */
  static final int CHUNK_VALUES = 1 << 20;

  private final int maxK;
  private final int chunkValues;
  private final Tape tape = new Tape();

  /**
   * @param maxK the largest number of binary values per data row to enumerate, in [1, 30]:
   *     at most 2^maxK configurations
   * @throws IllegalArgumentException if maxK is outside [1, 30]
   */
  public EnumerateEstimator(int maxK) {
    this(maxK, CHUNK_VALUES);
  }

  /** With another chunk size, for tests of the chunking. */
  EnumerateEstimator(int maxK, int chunkValues) {
    if (!(maxK >= 1 && maxK <= EnumerateProvider.MAX_K_LIMIT)) {
      throw new IllegalArgumentException("estimator '" + EnumerateProvider.NAME + "': max-k must be "
          + "in [1, " + EnumerateProvider.MAX_K_LIMIT + "], got " + maxK);
    }
    this.maxK = maxK;
    this.chunkValues = chunkValues;
  }

  /** The largest K enumerated. */
  public int maxK() {
    return maxK;
  }

  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Estimates.requireArguments(EnumerateProvider.NAME, m, q, batch, rng);
    double[] rows = run(m, q, batch, true);
    double scale = batch.scale();
    if (batch.isFull()) {
      double s = 0;
      for (double r : rows) {
        s += r;
      }
      return new ElboEstimate(s * scale, 0.0, 1);
    }
    double[] scaled = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      scaled[i] = rows[i] * batch.total();
    }
    return ElboEstimate.fromSamples(scaled);
  }

  /**
   * The exact ELBO_i of every row of {@code batch}, unscaled, without recording gradients (e.g. a
   * held-out ELBO).
   *
   * @return length B
   * @throws IllegalArgumentException if the model, guide or K do not fit (see {@link #check})
   */
  public double[] elboPerRow(Model m, VariationalFamily q, Batch batch) {
    Estimates.requireArguments(EnumerateProvider.NAME, m, q, batch, "none");
    return run(m, q, batch, false);
  }

  /** ELBO_i per row; with {@code gradients}, back-propagates (N/B) Σ_i ELBO_i chunk by chunk. */
  private double[] run(Model m, VariationalFamily q, Batch batch, boolean gradients) {
    List<String> problems = check(m, q);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    List<Latent> latents = m.latents().latents();
    Configurations configs = Configurations.of(latents);
    int c = configs.count();
    PointwiseLogJoint pw = m.as(PointwiseLogJoint.class).orElseThrow();
    FactorizedFamily ff = q.as(FactorizedFamily.class).orElseThrow();
    int b = batch.size();
    int f = Math.max(1, batch.data().cols());
    int chunk = Math.max(1, Math.min(b, chunkValues / (c * f)));
    double[] out = new double[b];
    for (int start = 0; start < b; start += chunk) {
      int n = Math.min(chunk, b - start);
      Batch part = n == b ? batch : rowsOf(batch, start, n);
      try (Tape t = tape.reset()) {
        if (gradients) {
          t.watch(m.parameters());
          t.watch(q.parameters());
        }
        Latents.Builder zb = Latents.builder(c);
        for (int l = 0; l < latents.size(); l++) {
          Tensor block = gradients ? t.constant(c * n, latents.get(l).size())
              : Tensor.zeros(c * n, latents.get(l).size());
          configs.fill(l, block.value().data, n);
          zb.put(latents.get(l).name(), block);
        }
        Latents z = zb.build();
        Tensor logQ = null;
        for (Latent l : latents) {
          Tensor lq = ff.factor(l.name(), part).logProb(z.get(l.name())).sumRows();
          logQ = logQ == null ? lq : logQ.add(lq);
        }
        Tensor logP = pw.logJointPerRow(z, part);
        if (logP.rows() != c * n || logP.cols() != 1) {
          throw new IllegalStateException("estimator '" + EnumerateProvider.NAME + "': model "
              + Estimates.describe(m) + " returned a per-row log joint of shape " + logP.shape()
              + ", expected " + (c * n) + "x1 (" + c + " configurations · " + n + " rows)");
        }
        Tensor terms = logQ.exp().mul(logP.sub(logQ));           // (c·n) x 1, row s·n + i
        Tensor perRow = c == 1 ? terms.reshape(1, n) : terms.reshape(c, n).sumCols();   // 1 x n
        System.arraycopy(perRow.value().data, 0, out, start, n);
        if (gradients) {
          Tensor surrogate = perRow.sum().mul(batch.scale());
          if (surrogate.requiresGrad()) {
            t.backward(surrogate);
          }
        }
      }
    }
    return out;
  }

  /** Rows [start, start + n) of a batch, as a batch of the same data set. */
  private static Batch rowsOf(Batch batch, int start, int n) {
    int f = batch.data().cols();
    DMatrixRMaj rows = new DMatrixRMaj(n, f);
    System.arraycopy(batch.data().value().data, start * f, rows.data, 0, n * f);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = batch.row(start + i);
    }
    return Batch.of(Tensor.constant(rows), idx, batch.total());
  }

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>();
    String me = "estimator '" + EnumerateProvider.NAME + "'";
    if (m.as(PointwiseLogJoint.class).isEmpty()) {
      problems.add(me + " sums over each data row's configurations and needs a model with a "
          + "per-row log joint (PointwiseLogJoint, e.g. 'bernoulli-topic'); "
          + Estimates.describe(m) + " has none: use 'score-function'");
    }
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    double log2 = 0;
    boolean allBinary = true;
    for (Latent l : m.latents().latents()) {
      if (!l.local()) {
        problems.add(me + " needs every latent to be LOCAL (one per data row); latent "
            + l.describe() + " is not: use 'score-function'");
      } else if (l.support() == Support.BINARY) {
        log2 += l.size();
      } else if (l.support() == Support.CATEGORICAL && l.size() == 1) {
        log2 += Math.log(l.categories()) / Math.log(2);
        allBinary = false;
      } else {
        problems.add(me + " enumerates BINARY latents and CATEGORICAL latents of size 1; latent "
            + l.describe() + " is not one: use 'score-function'"
            + (l.support().discrete() ? "" : " or 'reparam'"));
      }
      if (l.local() && (ff.isEmpty() || !ff.get().factorLatents().contains(l.name()))) {
        problems.add(me + " needs the guide's per-row factor of latent '" + l.name()
            + "' (FactorizedFamily, e.g. the 'amortized' guide); " + Estimates.describe(q)
            + " has none");
      }
    }
    if (log2 > maxK + 1e-9) {
      String what = allBinary
          ? "K = " + Math.round(log2) + " binary latent values per data row (2^" + Math.round(log2)
              + " = " + String.format(java.util.Locale.ROOT, "%.0f", Math.pow(2, log2))
              + " configurations)"
          : String.format(java.util.Locale.ROOT, "%.0f configurations per data row (K = %.1f "
              + "binary values' worth)", Math.pow(2, log2), log2);
      problems.add(me + ": model " + Estimates.describe(m) + " has " + what + "; it sums over "
          + "every configuration and is limited to K <= " + maxK + " (option max-k). Raise "
          + "estimator.max-k if 2^K configurations per row fit in time and memory, or use "
          + "'score-function' or 'gumbel-softmax'");
    }
    return problems;
  }

  @Override
  public String toString() {
    return "EnumerateEstimator[maxK=" + maxK + "]";
  }

  /** Every configuration of a list of discrete blocks, in mixed radix (the first block fastest). */
  private record Configurations(List<Latent> latents, int[] states, int[] stride, int count) {

    static Configurations of(List<Latent> latents) {
      int[] states = new int[latents.size()];
      int[] stride = new int[latents.size()];
      int count = 1;
      for (int l = 0; l < latents.size(); l++) {
        Latent x = latents.get(l);
        states[l] = x.support() == Support.BINARY ? 1 << x.size() : x.categories();
        stride[l] = count;
        count *= states[l];
      }
      return new Configurations(latents, states, stride, count);
    }

    /**
     * Writes block l of every configuration for n rows: row s·n + i holds configuration s.
     *
     * @param out (count·n) x size values. Modified.
     */
    void fill(int l, double[] out, int n) {
      Latent x = latents.get(l);
      int size = x.size();
      for (int s = 0; s < count; s++) {
        int state = (s / stride[l]) % states[l];
        for (int i = 0; i < n; i++) {
          int base = (s * n + i) * size;
          if (x.support() == Support.BINARY) {
            for (int j = 0; j < size; j++) {
              out[base + j] = (state >> j) & 1;
            }
          } else {
            out[base] = state;
          }
        }
      }
    }
  }
}
