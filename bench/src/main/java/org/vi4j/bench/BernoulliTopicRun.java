package org.vi4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.inference.ElboEvaluation;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.estimators.enumerate.EnumerateEstimator;
import org.vi4j.estimators.gumbelsoftmax.GumbelSoftmaxEstimator;
import org.vi4j.estimators.scorefunction.Baseline;
import org.vi4j.estimators.scorefunction.ScoreFunctionEstimator;
import org.vi4j.guides.amortized.AmortizedGuide;
import org.vi4j.models.bernoullitopic.BernoulliTopicData;
import org.vi4j.models.bernoullitopic.BernoulliTopicModel;
import org.vi4j.models.bernoullitopic.FactorMatching;
import org.vi4j.optimizers.adam.Adam;

/**
 * The {@code bernoulli-topic} experiment of issue 7 on the seeded synthetic corpus
 * ({@link BernoulliTopicData#experiment}: K = 8, V = 500, 2,000 training and 500 held-out documents
 * of 100 tokens): (1) the guide-gradient variance of each score-function baseline against none, on
 * the same parameters with the same number of samples, before and after fitting; (2) a fit with a
 * chosen estimator and the demo's settings (K = 16 for the 8 true factors, encoder of 100 tanh
 * units, 4 samples per document, Adam at 0.03 on batches of 100, averaging the last 30%), its wall
 * time, the recovery of the true factors (mean best-match cosine of the centred word-weight
 * vectors) and the held-out ELBO per document (exact by enumeration for K ≤ 8, else Monte Carlo
 * with 20 draws per document) against the true model's exact held-out log evidence.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     org.vi4j.bench.BernoulliTopicRun [estimator] [steps] [seed] [K]
 *   estimator: loo (default), nvil, enumerate (K ≤ 12), gumbel, gumbel-st
 * </pre>
 */
public final class BernoulliTopicRun {

  /** Encoder hidden units, batch size, learning rate, score-function particles of the fit. */
  public static final int HIDDEN = 100;
  public static final int BATCH = 100;
  public static final double LR = 0.03;
  public static final int PARTICLES = 4;
  /** Variance measurement: warm-up calls (baseline state) and measured calls, batch of 20 docs. */
  static final int WARMUP = 200;
  static final int CALLS = 400;
  static final int VARIANCE_BATCH = 20;

  private BernoulliTopicRun() {}

  public static void main(String[] args) {
    String which = args.length > 0 ? args[0] : "loo";
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    BernoulliTopicData data = BernoulliTopicData.experiment(1);
    BernoulliTopicModel model = BernoulliTopicModel.builder(data.train()).factors(k)
        .alpha(data.alpha()).seed(seed).build();
    AmortizedGuide guide = AmortizedGuide.builder(model.latents(), model.vocabularySize())
        .hidden(HIDDEN).seed(seed).build();
    print("variance ratios at the initial parameters", varianceRatios(model, guide, 7));
    long t0 = System.nanoTime();
    FitResult fit = Inference.builder().model(model).guide(guide).estimator(estimator(which))
        .optimizer(new Adam(LR)).batchSize(BATCH).stopAfterSteps(steps).averageLast(0.3)
        .evalParticles(5).seed(seed).logEverySeconds(1e9).build().run();
    double stepSeconds = fit.trace().seconds()[fit.trace().size() - 1];
    double wall = (System.nanoTime() - t0) * 1e-9;
    Evaluation e = evaluate(model, guide, data);
    System.out.printf(Locale.ROOT, "fit %s: %d steps of %d documents in %.1f s (%.0f steps/s; "
        + "%.1f s with the final evaluation)%n", which, steps, BATCH, stepSeconds,
        steps / stepSeconds, wall);
    System.out.printf(Locale.ROOT, "recovery: mean best-match cosine %.4f, per factor %s%n",
        e.matching().meanCosine(), Arrays.toString(round(e.matching().cosine())));
    System.out.printf(Locale.ROOT, "held-out per document: ELBO %.3f ± %.3f (%s), true log p(x) "
        + "%.3f, gap %.3f nats (%d documents)%n", e.heldOutElbo(), e.heldOutSe(), e.method(),
        e.trueLogEvidence(), e.trueLogEvidence() - e.heldOutElbo(), data.heldOut().documents());
    print("variance ratios at the fitted parameters", varianceRatios(model, guide, 8));
  }

  /** The estimator of a fit by short name. */
  static GradientEstimator estimator(String which) {
    return switch (which) {
      case "nvil" -> ScoreFunctionEstimator.builder().particles(PARTICLES).baseline(Baseline.NVIL)
          .analyticKl(true).build();
      case "loo" -> ScoreFunctionEstimator.builder().particles(PARTICLES)
          .baseline(Baseline.LEAVE_ONE_OUT).analyticKl(true).build();
      case "enumerate" -> new EnumerateEstimator(12);
      case "gumbel" -> new GumbelSoftmaxEstimator(1, 0.5, false);
      case "gumbel-st" -> new GumbelSoftmaxEstimator(1, 0.5, true);
      default -> throw new IllegalArgumentException("unknown estimator '" + which
          + "'; known: nvil, loo, enumerate, gumbel, gumbel-st");
    };
  }

  /**
   * The fit's figures.
   *
   * @param matching fitted factors (their effects on the word log-weights) matched to the truth
   * @param heldOutElbo the ELBO per held-out document (fitted model and encoder)
   * @param heldOutSe its Monte Carlo standard error (0 when exact)
   * @param method how it was computed
   * @param trueLogEvidence the true model's exact log p(x) per held-out document
   */
  public record Evaluation(FactorMatching.Result matching, double heldOutElbo, double heldOutSe,
      String method, double trueLogEvidence) {}

  /** Recovery and held-out figures of a fitted model and guide. */
  public static Evaluation evaluate(BernoulliTopicModel model, AmortizedGuide guide,
      BernoulliTopicData data) {
    FactorMatching.Result r = FactorMatching.match(model.factorEffects(), data.weights());
    Batch held = Batch.full(data.heldOut().denseCounts());
    int d = held.size();
    double truth = mean(data.trueModel(data.heldOut()).logEvidencePerDocument(held.data()));
    if (model.factors() <= 8) {
      double elbo = mean(new EnumerateEstimator(8).elboPerRow(model, guide, held));
      return new Evaluation(r, elbo, 0.0, "exact", truth);
    }
    ElboEvaluation.Result e = ElboEvaluation.evaluateByRows(model, guide, held.data(),
        Rng.seeded(5), 20);
    return new Evaluation(r, e.elbo().value() / d, e.elbo().standardError() / d,
        "monte carlo, 20 draws per document", truth);
  }

  /**
   * Σ over the guide's parameters of the per-component variance of the score-function gradient,
   * for each baseline divided by that without one: {@value #CALLS} calls of {@value #PARTICLES}
   * particles on one batch of {@value #VARIANCE_BATCH} documents after {@value #WARMUP} warm-up
   * calls (which train NVIL's network and settle the moving averages), analytic KL on, NVIL without
   * its variance normalisation (which would only rescale).
   */
  public static Map<String, Double> varianceRatios(BernoulliTopicModel model, AmortizedGuide guide,
      long seed) {
    int[] rows = new int[VARIANCE_BATCH];
    Arrays.setAll(rows, i -> i);
    Batch batch = Batch.of(model.corpus().denseCounts(rows), rows, model.observed().rows());
    Map<String, Double> out = new LinkedHashMap<>();
    double none = Double.NaN;
    for (Baseline b : Baseline.values()) {
      ScoreFunctionEstimator est = ScoreFunctionEstimator.builder().particles(PARTICLES)
          .baseline(b).analyticKl(true).normalize(false).build();
      double v = guideVariance(est, model, guide, batch, seed);
      if (b == Baseline.NONE) {
        none = v;
        out.put("none (variance)", v);
      } else {
        out.put(b.name().toLowerCase(Locale.ROOT) + " / none", v / none);
      }
    }
    return out;
  }

  static double guideVariance(GradientEstimator est, Model model, AmortizedGuide guide,
      Batch batch, long seed) {
    Rng master = Rng.seeded(seed);
    List<Param> ps = guide.parameters().params();
    int d = guide.parameters().totalLength();
    double[] sum = new double[d];
    double[] sumSq = new double[d];
    for (int call = 0; call < WARMUP + CALLS; call++) {
      model.parameters().zeroGrad();
      guide.parameters().zeroGrad();
      est.estimate(model, guide, batch, master.split());
      if (call < WARMUP) {
        continue;
      }
      int k = 0;
      for (Param p : ps) {
        double[] g = p.grad().data;
        for (int i = 0; i < p.size(); i++, k++) {
          sum[k] += g[i];
          sumSq[k] += g[i] * g[i];
        }
      }
    }
    model.parameters().zeroGrad();
    guide.parameters().zeroGrad();
    double total = 0;
    for (int k = 0; k < d; k++) {
      double m = sum[k] / CALLS;
      total += (sumSq[k] - CALLS * m * m) / (CALLS - 1);
    }
    return total;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double[] round(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Double.isNaN(v[i]) ? Double.NaN : Math.round(v[i] * 1000) / 1000.0;
    }
    return r;
  }

  private static void print(String title, Map<String, Double> m) {
    List<String> parts = new ArrayList<>();
    m.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %.4g", k, v)));
    System.out.println(title + ": " + String.join(", ", parts));
  }
}
