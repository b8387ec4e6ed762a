package org.vi4j.app.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vi4j.core.random.Rng;
import org.vi4j.models.gaussianmixture.GaussianMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureModel;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;

/**
 * The report of {@code gaussian-mixture} fitted with its own guide: q's components sorted by
 * location (E[π_k], E[μ_k], the scale 1/√E[λ_k]), the closed-form ELBO, and, when the data are the
 * seeded Laplace experiment, the held-out log-likelihood per point of the posterior predictive
 * ({@value #DRAWS} draws of q) beside the true mixture's; the picture {@value #DENSITIES_PNG} draws
 * the data's histogram with the predictive density (and the true density). Documented in
 * docs/output.md.
 */
final class GaussianMixtureReport implements ModelReport {

  /** The picture's file name. */
  static final String DENSITIES_PNG = "densities.png";
  /** Draws of q for the predictive density. */
  static final int DRAWS = 200;

  private final RunContext ctx;
  private final GaussianMixtureModel model;
  private final GaussianMixtureGuide guide;
  private final Optional<LaplaceMixtureData> truth;
  private Map<String, Object> posterior;

  GaussianMixtureReport(RunContext ctx, GaussianMixtureModel model, GaussianMixtureGuide guide) {
    this.ctx = ctx;
    this.model = model;
    this.guide = guide;
    this.truth = LaplaceMixtureReport.experiment(ctx, model.data());
  }

  /** {weights, loc, scale} of q sorted by location: E[π], E[μ], 1/√E[λ]. */
  static Map<String, Object> components(GaussianMixtureGuide q) {
    double[] a = q.precisionShape();
    double[] b = q.precisionRate();
    double[] sd = new double[a.length];
    for (int c = 0; c < sd.length; c++) {
      sd[c] = Math.sqrt(b[c] / a[c]);
    }
    return LaplaceMixtureReport.components(q.expectedWeights(), q.locMean(), sd);
  }

  @Override
  public Map<String, Object> posterior() {
    if (posterior != null) {
      return posterior;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", GaussianMixtureModel.NAME);
    m.put("k", model.components());
    m.put("n", model.data().length);
    m.put("data", truth.map(d -> (Object) ("the seeded Laplace experiment, seed " + d.seed()))
        .orElse("the model's data (not the seeded experiment: no true density)"));
    m.put("components", components(guide));
    m.put("components_note", "E[weight], E[loc] and 1/sqrt(E[precision]) of q, sorted by location");
    m.put("closed_form_elbo", model.elbo(guide));
    if (truth.isPresent()) {
      LaplaceMixtureData d = truth.get();
      Map<String, Object> ho = new LinkedHashMap<>();
      ho.put("points", d.heldOut().length);
      ho.put("true_mixture", d.trueHeldOutLogLikelihood());
      ho.put("this_run", Arrays.stream(guide.logPredictiveDensity(d.heldOut(), DRAWS,
          Rng.seeded(ctx.seed()))).average().orElse(Double.NaN));
      m.put("held_out_log_likelihood", ho);
    }
    posterior = m;
    return m;
  }

  @Override
  public List<Path> pictures(Path dir) throws IOException {
    double[] x = model.data();
    double lo = Arrays.stream(x).min().orElse(0);
    double hi = Arrays.stream(x).max().orElse(1);
    double pad = 0.04 * (hi - lo > 0 ? hi - lo : 1);
    lo -= pad;
    hi += pad;
    double[] centres = guide.locMean();
    double[] scales = new double[centres.length];
    for (int c = 0; c < scales.length; c++) {
      scales[c] = Math.sqrt(guide.precisionRate()[c] / guide.precisionShape()[c]);
    }
    if (truth.isPresent()) {
      centres = concat(centres, truth.get().loc());
      scales = concat(scales, truth.get().scale());
    }
    double[] grid = MixtureCharts.grid(lo, hi, 1200, centres, scales);
    Map<String, Object> ho = posterior().get("held_out_log_likelihood") instanceof Map<?, ?> h
        ? cast(h) : Map.of();
    List<MixtureCharts.Curve> curves = new ArrayList<>();
    curves.add(new MixtureCharts.Curve("CAVI posterior predictive (K = " + model.components()
        + " Gaussians)" + nats(ho, "this_run"),
        MixtureCharts.exp(guide.logPredictiveDensity(grid, DRAWS, Rng.seeded(ctx.seed()))),
        MixtureCharts.ORANGE, false, 2.4f));
    truth.ifPresent(d -> curves.add(new MixtureCharts.Curve("true density (Laplace mixture)"
        + nats(ho, "true_mixture"), MixtureCharts.exp(d.trueLogDensity(grid)), MixtureCharts.TRUE,
        false, 2.0f)));
    String title = "Gaussian mixture by CAVI, K = " + model.components() + ", " + x.length
        + " points" + truth.map(d -> " (seed " + d.seed() + ")").orElse("")
        + (ho.isEmpty() ? "" : "; [held-out log-lik. per point]");
    Path file = dir.resolve(DENSITIES_PNG);
    MixtureCharts.histogramWithDensities(file, title, x, "data (" + x.length + " points)", lo, hi,
        Math.max(10, Math.min(60, x.length / 5)), grid, curves);
    return List.of(file);
  }

  private static String nats(Map<String, Object> ho, String key) {
    return ho.get(key) instanceof Double v ? String.format(Locale.ROOT, " [%.3f]", v) : "";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
