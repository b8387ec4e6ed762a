package org.vi4j.core.inference;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.diagnostics.ParetoSmoothing;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/**
 * Evaluates the ELBO at the current parameters with many particles, without gradients: the mean of
 * log p(x, z_s) − log q(z_s) over draws z_s ~ q, its Monte Carlo standard error, and the Pareto k̂
 * of the same log ratios.
 *
 * <pre>{@code
 * ElboEvaluation.Result r = ElboEvaluation.evaluate(model, guide, Batch.full(data), rng, 1000);
 * r.elbo();   // value ± standard error
 * r.psis();   // k̂
 * }</pre>
 *
 * <p>Draws are made in chunks of {@link #CHUNK} particles so memory stays bounded.
 */
public final class ElboEvaluation {

  /** Particles per chunk. */
  public static final int CHUNK = 100;
  /** Values (rows x features x particles) per row chunk for models with local latents. */
  static final int ROW_CHUNK_VALUES = 1 << 20;

  private ElboEvaluation() {}

  /** The evaluation's outcome; {@code logRatios} are the per-particle log p − log q. */
  public record Result(ElboEstimate elbo, ParetoSmoothing.Result psis, double[] logRatios) {}

  /**
   * An exact value (a model's {@link org.vi4j.core.spi.ClosedFormElbo}): standard error 0, no
   * draws, so k̂ is NaN.
   */
  public static Result exact(double elbo) {
    return new Result(ElboEstimate.exact(elbo), new ParetoSmoothing.Result(Double.NaN, 0, 0),
        new double[0]);
  }

  /**
   * @param batch the data to evaluate on (usually the full data set, scale 1). Not modified.
   * @param rng advanced by the draws. Modified.
   * @param particles at least 2
   */
  public static Result evaluate(Model model, VariationalFamily guide, Batch batch, Rng rng,
      int particles) {
    if (particles < 2) {
      throw new IllegalArgumentException("ElboEvaluation: needs at least 2 particles, got "
          + particles);
    }
    double[] ratios = new double[particles];
    for (int done = 0; done < particles; ) {
      int n = Math.min(CHUNK, particles - done);
      Draw d = guide.draw(batch, rng, n);
      Tensor logp = model.logJoint(d.z(), batch);
      double[] lp = logp.value().data;
      double[] lq = d.logQ().value().data;
      for (int i = 0; i < n; i++) {
        ratios[done + i] = lp[i] - lq[i];
      }
      done += n;
    }
    ParetoSmoothing.Result psis = particles >= 5 ? ParetoSmoothing.fit(ratios)
        : new ParetoSmoothing.Result(Double.NaN, 0, particles);
    return new Result(ElboEstimate.fromSamples(ratios), psis, ratios);
  }

  /**
   * The ELBO of a model with LOCAL latents over its whole data set, by chunks of rows: drawing every
   * particle over all N rows at once would need particles · N · features values per tensor, and the
   * local terms are independent across rows anyway. Each chunk c of B_c rows is evaluated as a batch
   * (scale N/B_c) with {@code particlesPerRow} particles, and the estimates are combined weighted
   * by B_c/N, which is exactly the full-data ELBO in expectation (for global latents, each chunk
   * draws them afresh); the variances add. There is no per-particle log ratio over the full data,
   * so k̂ is NaN.
   *
   * @param data N x F. Not modified.
   * @param rng advanced by the draws. Modified.
   * @param particlesPerRow at least 1
   */
  public static Result evaluateByRows(Model model, VariationalFamily guide, Tensor data, Rng rng,
      int particlesPerRow) {
    if (particlesPerRow < 1) {
      throw new IllegalArgumentException("ElboEvaluation: needs at least 1 particle per row, got "
          + particlesPerRow);
    }
    int n = data.rows();
    int f = data.cols();
    int rowsPerChunk = Math.max(1, Math.min(n, ROW_CHUNK_VALUES / (f * particlesPerRow)));
    double value = 0;
    double variance = 0;
    int draws = 0;
    double[] src = data.value().data;
    for (int start = 0; start < n; start += rowsPerChunk) {
      int b = Math.min(rowsPerChunk, n - start);
      org.ejml.data.DMatrixRMaj rows = new org.ejml.data.DMatrixRMaj(b, f);
      System.arraycopy(src, start * f, rows.data, 0, b * f);
      int[] idx = new int[b];
      for (int i = 0; i < b; i++) {
        idx[i] = start + i;
      }
      Batch batch = Batch.of(Tensor.constant(rows), idx, n);
      Draw d = guide.draw(batch, rng, particlesPerRow);
      double[] lp = model.logJoint(d.z(), batch).value().data;
      double[] lq = d.logQ().value().data;
      double w = (double) b / n;
      double mean = 0;
      for (int p = 0; p < particlesPerRow; p++) {
        mean += lp[p] - lq[p];
      }
      mean /= particlesPerRow;
      double ss = 0;
      for (int p = 0; p < particlesPerRow; p++) {
        double dv = lp[p] - lq[p] - mean;
        ss += dv * dv;
      }
      value += w * mean;
      if (particlesPerRow > 1) {
        variance += w * w * ss / (particlesPerRow - 1) / particlesPerRow;
      } else {
        variance = Double.NaN; // one draw per chunk: no within-chunk spread to estimate it from
      }
      draws += particlesPerRow * b;
    }
    ElboEstimate elbo = new ElboEstimate(value, Math.sqrt(variance), Math.max(1, draws));
    return new Result(elbo, new ParetoSmoothing.Result(Double.NaN, 0, 0), new double[0]);
  }
}
