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
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.inference.Restarts;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latents;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.guides.delta.DeltaGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureElbo;
import org.vi4j.models.gaussianmixture.GaussianMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureModel;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;
import org.vi4j.models.laplacemixture.LaplaceMixtureModel;
import org.vi4j.optimizers.cavi.Cavi;
import org.vi4j.optimizers.em.Em;

/**
 * The report of {@code laplace-mixture}: this run's fit (components sorted by location, posterior
 * predictive density from {@value #DRAWS} draws of q) beside two reference fits of the same points
 * that the report makes itself, small, fast and seeded from the run's seed:
 * <ul>
 *   <li>EM: {@code delta} + {@code em} on the same model, {@value #EM_STEPS} steps, best final ELBO
 *       of {@value #EM_RESTARTS} restarts; plug-in density;
 *   <li>CAVI on {@code gaussian-mixture} (K components, default priors), {@value #CAVI_SWEEPS}
 *       sweeps, best closed-form ELBO of {@value #CAVI_RESTARTS} random starts; posterior
 *       predictive density from {@value #DRAWS} draws.
 * </ul>
 * When the data are the seeded experiment ({@code model.data} empty, {@code model.seed}), the
 * summary gives each fit's held-out log-likelihood per point on the experiment's 10,000 held-out
 * points, with the true mixture's as the ceiling, and the picture {@value #DENSITIES_PNG} draws the
 * true density too. Documented in docs/output.md.
 */
final class LaplaceMixtureReport implements ModelReport {

  /** The picture's file name. */
  static final String DENSITIES_PNG = "densities.png";
  /** Draws of q for posterior means and predictive densities. */
  static final int DRAWS = 200;
  static final int EM_RESTARTS = 5;
  static final int EM_STEPS = 200;
  static final int CAVI_RESTARTS = 10;
  static final int CAVI_SWEEPS = 200;

  private final RunContext ctx;
  private final LaplaceMixtureModel model;
  private final Fitted fitted;
  private final Optional<LaplaceMixtureData> truth;
  private Comparison comparison;

  /** The two reference fits. */
  private record Comparison(DeltaGuide em, FitResult emFit, double[] emElbos,
      GaussianMixtureGuide cavi, GaussianMixtureModel gmm, FitResult caviFit, double[] caviElbos,
      double caviElbo) {}

  LaplaceMixtureReport(RunContext ctx, LaplaceMixtureModel model) {
    this.ctx = ctx;
    this.model = model;
    this.fitted = Fitted.of(ctx);
    this.truth = experiment(ctx, model.data());
  }

  /**
   * The seeded experiment these data come from, if they are its training points (the model's
   * {@code seed} option, else {@link LaplaceMixtureData#SEED}, regenerated and compared).
   */
  static Optional<LaplaceMixtureData> experiment(RunContext ctx, double[] data) {
    Object seed = ctx.options() == null ? null : ctx.options().get("model.seed");
    long s = seed instanceof Number n ? n.longValue() : LaplaceMixtureData.SEED;
    if (data.length != LaplaceMixtureData.TRAIN) {
      return Optional.empty();
    }
    LaplaceMixtureData d = LaplaceMixtureData.experiment(s);
    return Arrays.equals(d.train(), data) ? Optional.of(d) : Optional.empty();
  }

  private Comparison comparison() {
    if (comparison == null) {
      double[] x = model.data();
      long seed = ctx.seed();
      Restarts.Result<EmRun> em = Restarts.runScored(EM_RESTARTS, seed, s -> {
        DeltaGuide g = new DeltaGuide(model.latents());
        return new EmRun(g, Inference.builder().model(model).guide(g)
            .estimator(new ReparamEstimator(1)).optimizer(new Em()).stopAfterSteps(EM_STEPS)
            .evalParticles(5).seed(s).logEverySeconds(Double.POSITIVE_INFINITY).build().run());
      }, r -> r.fit().elbo().value());
      GaussianMixtureModel gmm = GaussianMixtureModel.withDefaultPriors(x, model.components());
      Restarts.Result<CaviRun> cavi = Restarts.runScored(CAVI_RESTARTS, seed, s -> {
        GaussianMixtureGuide g = new GaussianMixtureGuide(gmm, Rng.seeded(s));
        return new CaviRun(g, Inference.builder().model(gmm).guide(g)
            .estimator(new GaussianMixtureElbo()).optimizer(new Cavi()).stopAfterSteps(CAVI_SWEEPS)
            .evalParticles(5).seed(s).logEverySeconds(Double.POSITIVE_INFINITY).build().run());
      }, r -> gmm.elbo(r.guide()));
      comparison = new Comparison(em.best().guide(), em.best().fit(), em.elbos(),
          cavi.best().guide(), gmm, cavi.best().fit(), cavi.elbos(), gmm.elbo(cavi.best().guide()));
    }
    return comparison;
  }

  private record EmRun(DeltaGuide guide, FitResult fit) {}

  private record CaviRun(GaussianMixtureGuide guide, FitResult fit) {}

  private static final Batch ONE = Batch.full(Tensor.zeros(1, 1));

  private Latents runDraws() {
    return fitted.draw(DRAWS, 7).z();
  }

  private Latents emPoint() {
    return comparison().em().draw(ONE, Rng.seeded(ctx.seed()), 1).z();
  }

  private Map<String, Object> posterior;

  @Override
  public Map<String, Object> posterior() {
    if (posterior == null) {
      posterior = computePosterior();
    }
    return posterior;
  }

  private Map<String, Object> computePosterior() {
    Comparison c = comparison();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", LaplaceMixtureModel.NAME);
    m.put("k", model.components());
    m.put("n", model.data().length);
    m.put("data", truth.map(d -> (Object) ("the seeded experiment, seed " + d.seed()))
        .orElse("the model's data (not the seeded experiment: no true density)"));
    Latents draws = runDraws();
    m.put("components", components(mean(draws, "weights"), mean(draws, "loc"),
        mean(draws, "scale")));
    m.put("components_note", "posterior means from " + DRAWS + " draws of q, sorted by location");

    Map<String, Object> em = new LinkedHashMap<>();
    em.put("pipeline", "laplace-mixture / delta / reparam / em");
    em.put("steps", EM_STEPS);
    em.put("restarts", EM_RESTARTS);
    em.put("restart_elbos", c.emElbos());
    em.put("elbo", c.emFit().elbo().value());
    em.put("wall_seconds", c.emFit().wallSeconds());
    Latents p = emPoint();
    em.put("components", components(p.get("weights").toArray(), p.get("loc").toArray(),
        p.get("scale").toArray()));
    Map<String, Object> gm = new LinkedHashMap<>();
    gm.put("pipeline", "gaussian-mixture / gaussian-mixture / gaussian-mixture-elbo / cavi");
    gm.put("sweeps", CAVI_SWEEPS);
    gm.put("restarts", CAVI_RESTARTS);
    gm.put("restart_elbos", c.caviElbos());
    gm.put("elbo", c.caviElbo());
    gm.put("wall_seconds", c.caviFit().wallSeconds());
    gm.put("components", GaussianMixtureReport.components(c.cavi()));
    Map<String, Object> comparisons = new LinkedHashMap<>();
    comparisons.put("em", em);
    comparisons.put("gaussian_mixture_cavi", gm);
    m.put("comparison", comparisons);

    if (truth.isPresent()) {
      LaplaceMixtureData d = truth.get();
      m.put("true_mixture", components(d.weights(), d.loc(), d.scale()));
      Map<String, Object> ho = new LinkedHashMap<>();
      ho.put("points", d.heldOut().length);
      ho.put("true_mixture", d.trueHeldOutLogLikelihood());
      ho.put("this_run", LaplaceMixtureModel.meanLogPredictive(draws, d.heldOut()));
      ho.put("em", LaplaceMixtureModel.meanLogPredictive(p, d.heldOut()));
      ho.put("gaussian_mixture_cavi", Arrays.stream(c.cavi().logPredictiveDensity(d.heldOut(),
          DRAWS, Rng.seeded(ctx.seed()))).average().orElse(Double.NaN));
      m.put("held_out_log_likelihood", ho);
    }
    return m;
  }

  @Override
  public List<Path> pictures(Path dir) throws IOException {
    Comparison c = comparison();
    double[] x = model.data();
    double lo = Arrays.stream(x).min().orElse(0);
    double hi = Arrays.stream(x).max().orElse(1);
    double pad = 0.04 * (hi - lo > 0 ? hi - lo : 1);
    lo -= pad;
    hi += pad;
    Latents draws = runDraws();
    Latents em = emPoint();
    List<Double> centres = new ArrayList<>();
    List<Double> scales = new ArrayList<>();
    addCentres(centres, scales, mean(draws, "loc"), mean(draws, "scale"));
    addCentres(centres, scales, em.get("loc").toArray(), em.get("scale").toArray());
    truth.ifPresent(d -> addCentres(centres, scales, d.loc(), d.scale()));
    double[] grid = MixtureCharts.grid(lo, hi, 1200,
        centres.stream().mapToDouble(Double::doubleValue).toArray(),
        scales.stream().mapToDouble(Double::doubleValue).toArray());

    Map<String, Object> ho = truth.isPresent()
        ? asMap(posterior().get("held_out_log_likelihood")) : Map.of();
    List<MixtureCharts.Curve> curves = new ArrayList<>();
    curves.add(new MixtureCharts.Curve("this run: " + ctx.spec().guide() + " + "
        + ctx.spec().estimator() + " + " + ctx.spec().optimizer() + nats(ho, "this_run"),
        MixtureCharts.exp(LaplaceMixtureModel.logPredictiveDensity(draws, grid)),
        MixtureCharts.BLUE, false, 2.4f));
    curves.add(new MixtureCharts.Curve("EM: delta + em (plug-in)" + nats(ho, "em"),
        MixtureCharts.exp(LaplaceMixtureModel.logPredictiveDensity(em, grid)),
        MixtureCharts.GREEN, false, 1.8f));
    curves.add(new MixtureCharts.Curve("CAVI, Gaussian mixture" + nats(ho, "gaussian_mixture_cavi"),
        MixtureCharts.exp(c.cavi().logPredictiveDensity(grid, DRAWS, Rng.seeded(ctx.seed()))),
        MixtureCharts.ORANGE, false, 1.8f));
    truth.ifPresent(d -> curves.add(new MixtureCharts.Curve("true density" + nats(ho, "true_mixture"),
        MixtureCharts.exp(d.trueLogDensity(grid)), MixtureCharts.TRUE, false, 2.0f)));
    String title = "Laplace mixture, K = " + model.components() + ", " + x.length + " points"
        + truth.map(d -> " (experiment, seed " + d.seed() + ")").orElse("")
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
  private static Map<String, Object> asMap(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static void addCentres(List<Double> centres, List<Double> scales, double[] loc,
      double[] scale) {
    for (int i = 0; i < loc.length; i++) {
      centres.add(loc[i]);
      scales.add(scale[i]);
    }
  }

  /** {weights, loc, scale} sorted by location. */
  static Map<String, Object> components(double[] w, double[] loc, double[] scale) {
    LaplaceMixtureModel.Components c = LaplaceMixtureModel.sortedByLocation(w, loc, scale);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("weights", c.weights());
    m.put("loc", c.loc());
    m.put("scale", c.scale());
    return m;
  }

  /** The mean over draws of one latent (particles x K). */
  static double[] mean(Latents draws, String latent) {
    Tensor z = draws.get(latent);
    double[] m = new double[z.cols()];
    for (int p = 0; p < z.rows(); p++) {
      for (int c = 0; c < z.cols(); c++) {
        m[c] += z.get(p, c) / z.rows();
      }
    }
    return m;
  }
}
