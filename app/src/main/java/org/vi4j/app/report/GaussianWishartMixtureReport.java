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
import org.vi4j.models.gaussianmixture.GaussianClustersData;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureModel;

/**
 * The report of {@code gaussian-mixture-mv} fitted with its own guide: q's components sorted by the
 * first coordinate of their means (E[π_k], m_k, the covariance E[Λ_k]⁻¹), how many have E[π_k] of
 * at least {@value #VISIBLE_WEIGHT}, the closed-form ELBO and, when the data are the seeded 2-D
 * experiment ({@link GaussianClustersData}), the held-out log-likelihood per point of the closed-form
 * posterior predictive beside the true mixture's. For D = 2 the picture {@value #CLUSTERS_PNG}
 * draws the data with each component's ellipse (components with E[π_k] ≥ {@value #VISIBLE_WEIGHT};
 * the true components thin and grey). Documented in docs/output.md.
 */
final class GaussianWishartMixtureReport implements ModelReport {

  /** The picture's file name. */
  static final String CLUSTERS_PNG = "clusters.png";
  /** Components below this expected weight are counted as emptied and not drawn. */
  static final double VISIBLE_WEIGHT = 0.01;
  /** The true components' colour (thin, dark grey). */
  private static final java.awt.Color TRUE = new java.awt.Color(60, 60, 60);

  private final RunContext ctx;
  private final GaussianWishartMixtureModel model;
  private final GaussianWishartMixtureGuide guide;
  private final Optional<GaussianClustersData> truth;
  private Map<String, Object> posterior;

  GaussianWishartMixtureReport(RunContext ctx, GaussianWishartMixtureModel model,
      GaussianWishartMixtureGuide guide) {
    this.ctx = ctx;
    this.model = model;
    this.guide = guide;
    this.truth = experiment(ctx, model.data());
  }

  /**
   * The seeded experiment these data come from, if they are its training points (the model's
   * {@code seed} option, else {@link GaussianClustersData#SEED}, regenerated and compared).
   */
  static Optional<GaussianClustersData> experiment(RunContext ctx, double[][] data) {
    Object seed = ctx.options() == null ? null : ctx.options().get("model.seed");
    long s = seed instanceof Number n ? n.longValue() : GaussianClustersData.SEED;
    if (data.length != GaussianClustersData.TRAIN || data[0].length != 2) {
      return Optional.empty();
    }
    GaussianClustersData d = GaussianClustersData.experiment(s);
    return d.isTrainingSet(data) ? Optional.of(d) : Optional.empty();
  }

  /** {weights, means, covariances} of q, sorted by the means' first coordinate. */
  static Map<String, Object> components(GaussianWishartMixtureGuide q) {
    GaussianWishartMixtureGuide.Components c = q.sortedComponents();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("weights", c.weights());
    m.put("means", c.means());
    m.put("covariances", c.covariances());
    return m;
  }

  @Override
  public Map<String, Object> posterior() {
    if (posterior != null) {
      return posterior;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", GaussianWishartMixtureModel.NAME);
    m.put("k", model.components());
    m.put("d", model.dimension());
    m.put("n", model.data().length);
    m.put("data", truth.map(d -> (Object) ("the seeded 2-D experiment, seed " + d.seed()))
        .orElse("the model's data (not the seeded experiment: no true density)"));
    m.put("components", components(guide));
    m.put("components_note", "E[weight], E[mean] and the covariance E[precision]^-1 of q, sorted "
        + "by the first coordinate of the mean");
    m.put("components_above_1_percent", Arrays.stream(guide.expectedWeights())
        .filter(w -> w >= VISIBLE_WEIGHT).count());
    m.put("closed_form_elbo", model.elbo(guide));
    if (truth.isPresent()) {
      GaussianClustersData d = truth.get();
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("weights", d.weights());
      tm.put("means", d.means());
      tm.put("covariances", d.covariances());
      m.put("true_mixture", tm);
      Map<String, Object> ho = new LinkedHashMap<>();
      ho.put("points", d.heldOut().length);
      ho.put("true_mixture", d.trueHeldOutLogLikelihood());
      ho.put("this_run", Arrays.stream(guide.logPredictiveDensity(d.heldOut())).average()
          .orElse(Double.NaN));
      m.put("held_out_log_likelihood", ho);
    }
    posterior = m;
    return m;
  }

  @Override
  public List<Path> pictures(Path dir) throws IOException {
    if (model.dimension() != 2) {
      return List.of();
    }
    GaussianWishartMixtureGuide.Components c = guide.sortedComponents();
    List<ClusterCharts.Ellipse> ellipses = new ArrayList<>();
    truth.ifPresent(d -> {
      for (int j = 0; j < d.weights().length; j++) {
        ellipses.add(new ClusterCharts.Ellipse(j == 0 ? "true mixture" : null, d.means()[j],
            d.covariances()[j], TRUE, false, 1.3f));
      }
    });
    int shown = 0;
    for (int j = 0; j < c.weights().length; j++) {
      if (c.weights()[j] >= VISIBLE_WEIGHT) {
        ellipses.add(new ClusterCharts.Ellipse(String.format(Locale.ROOT, "q %d: E[π] %.3f",
            j + 1, c.weights()[j]), c.means()[j], c.covariances()[j],
            ClusterCharts.palette(shown++), true, 2.2f));
      }
    }
    Map<String, Object> ho = posterior().get("held_out_log_likelihood") instanceof Map<?, ?> h
        ? cast(h) : Map.of();
    String nats = ho.isEmpty() ? "" : String.format(Locale.ROOT,
        "; held-out %.3f/pt (true %.3f)", (Double) ho.get("this_run"),
        (Double) ho.get("true_mixture"));
    int hidden = c.weights().length - shown;
    String title = "CAVI Normal-Wishart mixture, K = " + model.components() + ": " + shown
        + " used" + (hidden > 0 ? ", " + hidden + " emptied" : "") + nats;
    double[][] x = model.data();
    Path file = dir.resolve(CLUSTERS_PNG);
    ClusterCharts.scatterWithEllipses(file, title, x, "data, " + x.length + " points", ellipses);
    return List.of(file);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
