package org.vi4j.app.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.random.Rng;
import org.vi4j.models.poissongamma.DigitsData;
import org.vi4j.models.poissongamma.PoissonGammaModel;

/**
 * The report of {@code poisson-gamma}: the prior Gamma(a_j, b), q's factor per pixel, the exact
 * conjugate posterior Gamma(a_j + Σx, b + m), the summed closed-form KL(q ‖ exact) and the worst
 * relative error of q's posterior means; pictures of q's posterior mean image, the exact one, and a
 * 4x4 grid of synthetic digits drawn from the fitted model (θ ~ q, x ~ Poisson(θ)).
 */
final class PoissonGammaReport implements ModelReport {

  static final String Q_MEAN_PNG = "posterior_mean.png";
  static final String EXACT_MEAN_PNG = "exact_posterior_mean.png";
  static final String SAMPLES_PNG = "samples.png";
  /** The samples grid is {@value} x {@value} digits. */
  static final int SAMPLE_GRID = 4;

  private static final String LATENT = PoissonGammaModel.LATENT;

  private final RunContext ctx;
  private final PoissonGammaModel model;
  private final Fitted fitted;
  private double[] qMean;

  PoissonGammaReport(RunContext ctx, PoissonGammaModel model) {
    this.ctx = ctx;
    this.model = model;
    this.fitted = Fitted.of(ctx);
  }

  @Override
  public Map<String, Object> posterior() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", PoissonGammaModel.NAME);
    m.put("images", model.size());
    Map<String, Object> prior = new LinkedHashMap<>();
    prior.put("a", model.priorShape());
    prior.put("b", model.priorRate());
    m.put("prior", prior);
    Distribution exact = model.posterior(LATENT);
    m.put("exact", Describe.distribution(exact, PoissonGammaModel.PIXELS, false));
    Optional<Distribution> factor = fitted.factor(LATENT);
    if (factor.isPresent()) {
      m.put("q", Describe.distribution(factor.get(), PoissonGammaModel.PIXELS, false));
    } else {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("family", "guide '" + ctx.spec().guide() + "' (not factorized)");
      q.put("mean", qMean());
      q.put("moments_from_draws", Fitted.DRAWS);
      m.put("q", q);
    }
    m.put("max_relative_mean_error", maxRelativeError(qMean(), model.posteriorShape(),
        model.posteriorRate()));
    m.putAll(ModelReport.common(ctx, fitted));
    return m;
  }

  private double[] qMean() {
    if (qMean == null) {
      qMean = fitted.qMean(LATENT, PoissonGammaModel.PIXELS);
    }
    return qMean;
  }

  private static double maxRelativeError(double[] q, double[] exactShape, double exactRate) {
    double worst = 0;
    for (int j = 0; j < q.length; j++) {
      double e = exactShape[j] / exactRate;
      worst = Math.max(worst, Math.abs(q[j] - e) / e);
    }
    return worst;
  }

  @Override
  public List<Path> pictures(Path dir) throws IOException {
    double[] exact = Describe.broadcast(model.posterior(LATENT).mean(), PoissonGammaModel.PIXELS);
    double[] q = qMean();
    double max = Math.max(max(exact), max(q));
    String data = model.size() + " images";
    double err = maxRelativeError(q, model.posteriorShape(), model.posteriorRate());

    Path qFile = dir.resolve(Q_MEAN_PNG);
    DigitImages.single(qFile, q, max, "Posterior mean of θ under q (" + ctx.spec().guide()
        + " guide)\n" + String.format(Locale.ROOT, "%s; worst pixel off exact by %.2g%%", data,
            100 * err), "E_q[θ_j]");
    Path exactFile = dir.resolve(EXACT_MEAN_PNG);
    DigitImages.single(exactFile, exact, max, "Exact posterior mean of θ\n"
        + String.format(Locale.ROOT, "(a_j + Σx_j)/(b + m), %s, same grey scale", data),
        "E[θ_j | x]");

    int n = SAMPLE_GRID * SAMPLE_GRID;
    Rng rng = fitted.rng(3);
    Optional<Distribution> factor = fitted.factor(LATENT);
    Tensor rates = factor.isPresent() ? factor.get().sample(rng, n)
        : fitted.draw(n, 3).z().get(LATENT);
    Tensor images = model.sampleImages(rates, rng);
    double[][] grid = new double[n][];
    for (int i = 0; i < n; i++) {
      grid[i] = images.slice(i, i + 1, 0, PoissonGammaModel.PIXELS).toArray();
    }
    Path samplesFile = dir.resolve(SAMPLES_PNG);
    DigitImages.grid(samplesFile, grid, SAMPLE_GRID, SAMPLE_GRID, Math.max(1, maxCount()),
        "Synthetic digits from the fitted model\nθ ~ q, x ~ Poisson(θ); "
            + "grey scale as the data's counts", "pixel count");
    return List.of(qFile, exactFile, samplesFile);
  }

  private double maxCount() {
    DigitsData d = model.images();
    double m = 0;
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < DigitsData.PIXELS; j++) {
        m = Math.max(m, d.count(i, j));
      }
    }
    return m;
  }

  private static double max(double[] v) {
    double m = 0;
    for (double d : v) {
      if (Double.isFinite(d)) {
        m = Math.max(m, d);
      }
    }
    return m;
  }
}
