package org.vi4j.app.report;

import java.util.Optional;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The fitted model and guide of a run, with what the report asks of them: q's factor of a latent
 * where the guide is a {@link FactorizedFamily}, and draws from q otherwise.
 *
 * <p>Draws use their own random stream derived from the run's seed, so a report is reproducible
 * and does not disturb anything else.
 *
 * @param model the fitted model
 * @param guide the fitted guide (holding the fit's final parameters)
 * @param seed the run's seed, from which the report's random streams are derived
 */
record Fitted(Model model, VariationalFamily guide, long seed) {

  /** Draws for Monte Carlo summaries (means, densities) of a non-factorized q. */
  static final int DRAWS = 4000;

  /** From a run's context. */
  static Fitted of(RunContext ctx) {
    return new Fitted(ctx.pipeline().model(), ctx.pipeline().guide(), ctx.seed());
  }

  /** q's factor of {@code latent} if the guide is factorized over it. */
  Optional<Distribution> factor(String latent) {
    return guide.as(FactorizedFamily.class)
        .filter(f -> f.factorLatents().contains(latent))
        .map(f -> f.factor(latent));
  }

  /** The model's full data set as one batch, where the model exposes it. */
  Optional<Batch> fullBatch() {
    return model.as(ObservedData.class).map(o -> Batch.full(o.observed()));
  }

  /** A random stream for the report, distinct per {@code purpose}. */
  Rng rng(long purpose) {
    return Rng.seeded(seed * 0x9E3779B97F4A7C15L + purpose);
  }

  /**
   * {@code particles} draws of every latent from the guide, without gradients.
   *
   * @throws IllegalStateException if the model does not expose its data (no batch to draw on)
   */
  Draw draw(int particles, long purpose) {
    Batch batch = fullBatch().orElseThrow(() -> new IllegalStateException("report: model "
        + model + " does not expose its data (ObservedData), so q cannot be drawn from"));
    return guide.draw(batch, rng(purpose), particles);
  }

  /** q's mean of {@code latent}: the factor's mean, else the mean of {@link #DRAWS} draws. */
  double[] qMean(String latent, int size) {
    Optional<Distribution> f = factor(latent);
    if (f.isPresent()) {
      return Describe.broadcast(f.get().mean(), size);
    }
    Tensor z = draw(DRAWS, 1).z().get(latent);
    double[] mean = new double[z.cols()];
    for (int p = 0; p < z.rows(); p++) {
      for (int j = 0; j < z.cols(); j++) {
        mean[j] += z.get(p, j);
      }
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= z.rows();
    }
    return mean;
  }
}
