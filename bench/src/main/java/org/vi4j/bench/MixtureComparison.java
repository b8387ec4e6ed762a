package org.vi4j.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.inference.Restarts;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latents;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.guides.auto.AutoGuide;
import org.vi4j.guides.auto.Covariance;
import org.vi4j.guides.delta.DeltaGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureElbo;
import org.vi4j.models.gaussianmixture.GaussianMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianMixtureModel;
import org.vi4j.models.gaussianmixture.GaussianClustersData;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureElbo;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureGuide;
import org.vi4j.models.gaussianmixture.GaussianWishartMixtureModel;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;
import org.vi4j.models.laplacemixture.LaplaceMixtureModel;
import org.vi4j.optimizers.adam.Adam;
import org.vi4j.optimizers.cavi.Cavi;
import org.vi4j.optimizers.em.Em;

/**
 * Issue 5's side-by-side comparison, vi4j half: generates the seeded Laplace-mixture experiment
 * (K = 4, 200 training and 10,000 held-out points), writes it as CSV for
 * {@code bench/mixtures/compare_sklearn.py} (scikit-learn's {@code GaussianMixture(4, n_init=10)}
 * and {@code BayesianGaussianMixture(4)} on the same points), then times vi4j's three fits and
 * prints their held-out log-likelihood per point beside the true mixture's (the ceiling):
 * <ol>
 *   <li>black-box VI on {@code laplace-mixture}: {@code auto} (mean-field) + {@code reparam} +
 *       {@code adam}, posterior predictive from 1,000 draws of q;
 *   <li>EM on {@code laplace-mixture}: {@code delta} + {@code em}, plug-in density;
 *   <li>CAVI on {@code gaussian-mixture}: its guide + closed-form ELBO + {@code cavi}, posterior
 *       predictive from 1,000 draws of q; also 100 sweeps from one start, for a per-iteration time
 *       against {@code BayesianGaussianMixture(max_iter=100, tol=0)}.
 * </ol>
 * Then the 2-D case ({@link #multivariate}): CAVI on {@code gaussian-mixture-mv} beside
 * scikit-learn's {@code BayesianGaussianMixture} on the seeded {@link GaussianClustersData}.
 * Each multimodal fit keeps the best final ELBO of {@code restarts} starts ({@code run.restarts},
 * {@link Restarts}); times are wall-clock for all restarts together, after one untimed warm-up
 * round of every fit (JIT).
 *
 * <pre>
 * java -cp ... org.vi4j.bench.MixtureComparison [seed=2314] [out-dir=bench/mixtures/data] [restarts=10]
 * python3 bench/mixtures/compare_sklearn.py bench/mixtures/data
 * </pre>
 */
public final class MixtureComparison {

  private MixtureComparison() {
  }

  /** A fit's outcome. */
  record Outcome(String name, double heldOut, double seconds, double elbo, String detail) {}

  public static void main(String[] args) throws IOException {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : LaplaceMixtureData.SEED;
    Path out = Path.of(args.length > 1 ? args[1] : "bench/mixtures/data");
    int restarts = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    LaplaceMixtureData data = LaplaceMixtureData.experiment(seed);
    write(out, data);
    double ceiling = data.trueHeldOutLogLikelihood();

    runAll(data, restarts, true);                                    // warm-up, untimed
    Outcome[] results = runAll(data, restarts, false);

    System.out.printf(Locale.ROOT, "seed %d: %d training, %d held-out points; data in %s%n", seed,
        data.train().length, data.heldOut().length, out);
    System.out.printf(Locale.ROOT, "true mixture: loc %s scale %s%n", Arrays.toString(data.loc()),
        Arrays.toString(data.scale()));
    System.out.printf(Locale.ROOT, "%-44s %12s %10s %12s%n", "fit", "held-out/pt", "seconds",
        "final ELBO");
    System.out.printf(Locale.ROOT, "%-44s %12.4f %10s %12s%n", "true mixture (ceiling)", ceiling, "-",
        "-");
    for (Outcome o : results) {
      System.out.printf(Locale.ROOT, "%-44s %12.4f %10.3f %12.3f%n", o.name(), o.heldOut(),
          o.seconds(), o.elbo());
    }
    for (Outcome o : results) {
      System.out.printf(Locale.ROOT, "  %s: %s%n", o.name(), o.detail());
    }
    multivariate(out, restarts);
  }

  /** K of the 2-D case. */
  static final int MV_K = 6;

  /**
   * The 2-D case: the seeded {@link GaussianClustersData} experiment (300 training, 10,000
   * held-out points from three correlated Gaussians), written as {@code train2d.csv},
   * {@code heldout2d.csv} and {@code truth_logdensity_heldout2d.csv}; CAVI on
   * {@code gaussian-mixture-mv} (K = {@value #MV_K}, default priors) keeping the best closed-form
   * ELBO of {@code restarts} starts x 200 sweeps, its held-out log-likelihood per point (the
   * closed-form posterior predictive, a mixture of Student t's), and the time of 100 sweeps from
   * one start (median of 7,
   * after warm-up), in the inference loop (with the closed-form ELBO each sweep, as scikit-learn
   * computes its lower bound each iteration) and as bare sweeps.
   */
  static void multivariate(Path out, int restarts) throws IOException {
    GaussianClustersData data = GaussianClustersData.experiment(GaussianClustersData.SEED);
    writeRows(out.resolve("train2d.csv"), data.train());
    writeRows(out.resolve("heldout2d.csv"), data.heldOut());
    column(out.resolve("truth_logdensity_heldout2d.csv"), data.trueLogDensity(data.heldOut()));
    GaussianWishartMixtureModel model = GaussianWishartMixtureModel.withDefaultPriors(data.train(),
        MV_K);
    for (int warm = 0; warm < 3; warm++) {                            // JIT warm-up, untimed
      caviMv(model, warm + 100, 100);
    }
    long t0 = System.nanoTime();
    Restarts.Result<GaussianWishartMixtureGuide> best = Restarts.runScored(restarts, 1,
        s -> caviMv(model, s, 200), model::elbo);
    double sec = (System.nanoTime() - t0) * 1e-9;
    GaussianWishartMixtureGuide q = best.best();
    double predictive = Arrays.stream(q.logPredictiveDensity(data.heldOut())).average()
        .orElseThrow();
    double[] loop = new double[7];
    double[] bare = new double[7];
    Batch all = Batch.full(model.observed());
    for (int r = 0; r < loop.length; r++) {
      long a = System.nanoTime();
      caviMv(model, 1, 100);
      loop[r] = (System.nanoTime() - a) * 1e-9;
      GaussianWishartMixtureGuide g = new GaussianWishartMixtureGuide(model, Rng.seeded(1));
      long b = System.nanoTime();
      for (int t = 0; t < 100; t++) {
        for (String latent : model.conjugateLatents()) {
          g.setNaturalParameters(latent, all, model.optimalNaturalParameters(latent, g, all));
        }
      }
      bare[r] = (System.nanoTime() - b) * 1e-9;
    }
    Arrays.sort(loop);
    Arrays.sort(bare);
    GaussianWishartMixtureGuide.Components c = q.sortedComponents();
    System.out.printf(Locale.ROOT, "%n2-D case: seed %d, %d training, %d held-out points, K = %d; "
        + "data in %s%n", data.seed(), data.train().length, data.heldOut().length, MV_K, out);
    System.out.printf(Locale.ROOT, "%-44s %12s %10s %12s%n", "fit", "held-out/pt", "seconds",
        "final ELBO");
    System.out.printf(Locale.ROOT, "%-44s %12.4f %10s %12s%n", "true mixture (ceiling)",
        data.trueHeldOutLogLikelihood(), "-", "-");
    System.out.printf(Locale.ROOT, "%-44s %12.4f %10.3f %12.3f%n",
        "vi4j CAVI gaussian-mixture-mv (cavi)", predictive, sec, model.elbo(q));
    System.out.printf(Locale.ROOT, "  %d restarts x 200 sweeps; 100 sweeps from one start (median "
        + "of 7): %.4f s in the inference loop, %.4f s bare sweeps; restart ELBOs %s%n", restarts,
        loop[3], bare[3], Arrays.toString(round(best.elbos())));
    System.out.printf(Locale.ROOT, "  E[weights] sorted by mean %s, means %s%n",
        Arrays.toString(round(c.weights())), Arrays.deepToString(Arrays.stream(c.means())
            .map(MixtureComparison::round).toArray()));
  }

  private static GaussianWishartMixtureGuide caviMv(GaussianWishartMixtureModel model, long seed,
      int sweeps) {
    GaussianWishartMixtureGuide g = new GaussianWishartMixtureGuide(model, Rng.seeded(seed));
    Inference.builder().model(model).guide(g).estimator(new GaussianWishartMixtureElbo())
        .optimizer(new Cavi()).stopAfterSteps(sweeps).evalParticles(5).seed(seed)
        .logEverySeconds(Double.POSITIVE_INFINITY).build().run();
    return g;
  }

  private static void writeRows(Path file, double[][] rows) throws IOException {
    Files.createDirectories(file.getParent());
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      w.println("x1,x2");
      for (double[] r : rows) {
        w.printf(Locale.ROOT, "%.17g,%.17g%n", r[0], r[1]);
      }
    }
  }

  static Outcome[] runAll(LaplaceMixtureData data, int restarts, boolean warmUp) {
    int r = warmUp ? 1 : restarts;
    LaplaceMixtureModel laplace = LaplaceMixtureModel.withDefaultPriors(data.train(), 4,
        LaplaceMixtureModel.ScalePrior.GAMMA);
    GaussianMixtureModel gauss = GaussianMixtureModel.withDefaultPriors(data.train(), 4);
    Batch all = Batch.full(laplace.observed());

    long t0 = System.nanoTime();
    Restarts.Result<Object[]> advi = Restarts.runScored(r, 1, s -> {
      AutoGuide g = new AutoGuide(laplace.latents(), Covariance.DIAGONAL, 0.0, 0.1);
      laplace.writeStart(g.parameters(), Rng.seeded(s));
      FitResult f = Inference.builder().model(laplace).guide(g).estimator(new ReparamEstimator(4))
          .optimizer(new Adam(0.05)).stopAfterSteps(1500).averageLast(0.3).evalParticles(200)
          .seed(s).build().run();
      return new Object[] {f, g};
    }, o -> ((FitResult) o[0]).elbo().value());
    double adviSec = (System.nanoTime() - t0) * 1e-9;
    Latents adviDraws = ((AutoGuide) advi.best()[1]).draw(all, Rng.seeded(9), 1000).z();
    double adviHeld = LaplaceMixtureModel.meanLogPredictive(adviDraws, data.heldOut());

    t0 = System.nanoTime();
    Restarts.Result<Object[]> em = Restarts.runScored(r, 1, s -> {
      DeltaGuide g = new DeltaGuide(laplace.latents());
      laplace.writeStart(g.parameters(), Rng.seeded(s));
      FitResult f = Inference.builder().model(laplace).guide(g).estimator(new ReparamEstimator(1))
          .optimizer(new Em(Em.Start.GUIDE)).stopAfterSteps(200).evalParticles(5).seed(s).build().run();
      return new Object[] {f, g};
    }, o -> ((FitResult) o[0]).elbo().value());
    double emSec = (System.nanoTime() - t0) * 1e-9;
    DeltaGuide emGuide = (DeltaGuide) em.best()[1];
    Latents point = emGuide.draw(all, Rng.seeded(9), 1).z();
    double emHeld = LaplaceMixtureModel.meanLogPredictive(point, data.heldOut());

    t0 = System.nanoTime();
    Restarts.Result<GaussianMixtureGuide> cavi = Restarts.runScored(r, 1, s -> {
      GaussianMixtureGuide g = new GaussianMixtureGuide(gauss, Rng.seeded(s));
      Inference.builder().model(gauss).guide(g).estimator(new GaussianMixtureElbo())
          .optimizer(new Cavi()).stopAfterSteps(200).evalParticles(5).seed(s).build().run();
      return g;
    }, gauss::elbo);
    double caviSec = (System.nanoTime() - t0) * 1e-9;
    double caviHeld = Arrays.stream(cavi.best().logPredictiveDensity(data.heldOut(), 1000,
        Rng.seeded(9))).average().orElseThrow();

    // 100 sweeps from one start, timed alone (the per-iteration comparison with scikit-learn)
    GaussianMixtureGuide one = new GaussianMixtureGuide(gauss, Rng.seeded(1));
    t0 = System.nanoTime();
    Inference.builder().model(gauss).guide(one).estimator(new GaussianMixtureElbo())
        .optimizer(new Cavi()).stopAfterSteps(100).evalParticles(5).seed(1).build().run();
    double sweeps100 = (System.nanoTime() - t0) * 1e-9;
    long t1 = System.nanoTime();
    Batch gb = Batch.full(gauss.observed());
    for (int t = 0; t < 100; t++) {
      for (String latent : gauss.conjugateLatents()) {
        one.setNaturalParameters(latent, gb, gauss.optimalNaturalParameters(latent, one, gb));
      }
    }
    double bare100 = (System.nanoTime() - t1) * 1e-9;

    LaplaceMixtureModel.Components emC = LaplaceMixtureModel.sortedByLocation(
        emGuide.point("weights"), emGuide.point("loc"), emGuide.point("scale"));
    return new Outcome[] {
        new Outcome("vi4j BBVI laplace-mixture (auto+reparam+adam)", adviHeld, adviSec,
            ((FitResult) advi.best()[0]).elbo().value(), r + " restarts x 1500 Adam steps, 4 "
                + "particles; restart ELBOs " + Arrays.toString(round(advi.elbos()))),
        new Outcome("vi4j EM laplace-mixture (delta+em)", emHeld, emSec,
            ((FitResult) em.best()[0]).elbo().value(), r + " restarts x 200 EM steps; sorted loc "
                + Arrays.toString(round(emC.loc())) + " scale " + Arrays.toString(round(emC.scale()))
                + " weights " + Arrays.toString(round(emC.weights()))),
        new Outcome("vi4j CAVI gaussian-mixture (cavi)", caviHeld, caviSec, gauss.elbo(cavi.best()),
            r + " restarts x 200 sweeps; 100 sweeps from one start: " + String.format(Locale.ROOT,
                "%.4f s in the inference loop, %.4f s bare sweeps", sweeps100, bare100)
                + "; E[weights] " + Arrays.toString(round(cavi.best().expectedWeights())))
    };
  }

  private static double[] round(double[] v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = Math.round(v[i] * 1000) / 1000.0;
    }
    return o;
  }

  /** train.csv, heldout.csv (one number per line, with a header) and truth.csv. */
  static void write(Path dir, LaplaceMixtureData data) {
    try {
      Files.createDirectories(dir);
      column(dir.resolve("train.csv"), data.train());
      column(dir.resolve("heldout.csv"), data.heldOut());
      column(dir.resolve("truth_logdensity_heldout.csv"), data.trueLogDensity(data.heldOut()));
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("truth.csv"),
          StandardCharsets.UTF_8))) {
        w.println("weight,loc,scale");
        for (int c = 0; c < data.loc().length; c++) {
          w.printf(Locale.ROOT, "%.17g,%.17g,%.17g%n", data.weights()[c], data.loc()[c],
              data.scale()[c]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the experiment to " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void column(Path file, double[] v) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      w.println("x");
      for (double a : v) {
        w.printf(Locale.ROOT, "%.17g%n", a);
      }
    }
  }
}
