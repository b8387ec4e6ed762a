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

  private ElboEvaluation() {}

  /** The evaluation's outcome; {@code logRatios} are the per-particle log p − log q. */
  public record Result(ElboEstimate elbo, ParetoSmoothing.Result psis, double[] logRatios) {}

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
}
