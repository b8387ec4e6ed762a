package org.vi4j.models.gaussianmixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.Restarts;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * The plugin model and guide of {@code gaussian-mixture-mv} against the engine and against Monte
 * Carlo; the sweeps here are the cavi optimizer's (ρ = 1) written with the SPI (the optimizer
 * itself is tested on this pair in the app's MixtureGaussianMvAcceptanceTest).
 */
class GaussianWishartMixtureModelTest extends Vi4jTestBase {

  static final GaussianClustersData DATA = GaussianClustersData.experiment(GaussianClustersData.SEED);
  static final double[][] X = DATA.train();

  /** One CAVI sweep written with the SPI (what the cavi optimizer does with ρ = 1). */
  static void sweep(GaussianWishartMixtureModel m, GaussianWishartMixtureGuide q, Batch batch) {
    for (String latent : m.conjugateLatents()) {
      q.setNaturalParameters(latent, batch, m.optimalNaturalParameters(latent, q, batch));
    }
  }

  static void sweep(GaussianWishartMixtureModel m, GaussianWishartMixtureGuide q) {
    sweep(m, q, Batch.full(m.observed()));
  }

  /**
   * From the same start, the SPI sweeps and the engine's sweeps give the same ELBO trace. They are
   * the same equations in different coordinates (natural parameters about the centre m0 against
   * Bishop's centred sums), so they agree to rounding: relative 1e-10 over 100 sweeps.
   */
  @Test
  void spiSweepsGiveTheEnginesElboTrace() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 6);
    GaussianWishartMixture engine = m.engine();
    double worst = 0;
    for (long seed = 1; seed <= 3; seed++) {
      GaussianWishartMixture.Factors f = engine.start(Rng.seeded(seed));
      GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(seed));
      assertEquals(engine.elbo(f), m.elbo(q), 0.0, "the same start");
      for (int t = 0; t < 100; t++) {
        engine.sweep(f);
        sweep(m, q);
        double a = engine.elbo(f);
        double b = m.elbo(q);
        worst = Math.max(worst, Math.abs(a - b) / Math.abs(a));
        assertEquals(a, b, 1e-10 * Math.abs(a), "seed " + seed + ", sweep " + t);
      }
      double[] wf = f.expectedWeights();
      double[] wq = q.expectedWeights();
      assertArrayEquals(wf, wq, 1e-9);
    }
  }

  /** Each coordinate update is the exact optimum: the ELBO never decreases, from 20 random starts. */
  @Test
  void elboNeverDecreasesOver100SweepsFrom20RandomStarts() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 6);
    for (int start = 0; start < 20; start++) {
      GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(100 + start));
      double prev = m.elbo(q);
      for (int t = 0; t < 100; t++) {
        sweep(m, q);
        double e = m.elbo(q);
        assertTrue(Double.isFinite(e));
        assertTrue(e >= prev - 1e-9 * Math.abs(prev), "start " + start + ", sweep " + t + ": "
            + prev + " -> " + e);
        prev = e;
      }
    }
  }

  /** The closed-form ELBO equals the Monte Carlo mean of log p(x, z) − log q(z) under q's draws. */
  @Test
  void closedFormElboMatchesMonteCarloOfLogJointAndDraws() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 4);
    GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(3));
    for (int t = 0; t < 3; t++) {
      sweep(m, q);
    }
    Batch all = Batch.full(m.observed());
    Draw d = q.draw(all, Rng.seeded(5), 2000);
    d.z().checkAgainst(m.latents(), all.size());
    double[] v = m.logJoint(d.z(), all).sub(d.logQ()).toArray();
    double mean = Arrays.stream(v).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / (v.length - 1));
    double se = sd / Math.sqrt(v.length);
    assertEquals(m.elbo(q), mean, 4 * se, "MC " + mean + " ± " + se);
  }

  /** Bartlett draws: the sample mean of Λ is ν W within 4 Monte Carlo standard errors per entry. */
  @Test
  void wishartDrawsHaveMeanNuW() {
    DMatrixRMaj w = new DMatrixRMaj(new double[][] {{2.0, 0.6}, {0.6, 0.5}});
    double nu = 4.5;
    DMatrixRMaj l = GaussianWishartMixture.cholOrThrow(w, "W");
    Rng rng = Rng.seeded(11);
    int s = 20_000;
    double[] sum = new double[4];
    double[] sq = new double[4];
    for (int i = 0; i < s; i++) {
      DMatrixRMaj lam = GaussianWishartMixtureGuide.wishart(rng, l, nu);
      for (int j = 0; j < 4; j++) {
        sum[j] += lam.data[j];
        sq[j] += lam.data[j] * lam.data[j];
      }
    }
    for (int j = 0; j < 4; j++) {
      double mean = sum[j] / s;
      double se = Math.sqrt((sq[j] / s - mean * mean) / s);
      assertEquals(nu * w.data[j], mean, 4 * se, "entry " + j);
    }
  }

  /** The closed-form predictive (Student t mixture) is the mean over q's draws of Σ π N(x | μ, Λ⁻¹). */
  @Test
  void closedFormPredictiveIsTheMonteCarloMeanOfTheMixtureDensity() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 3);
    GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(2));
    for (int t = 0; t < 50; t++) {
      sweep(m, q);
    }
    double[][] pts = {{-4, 0}, {2.5, 2.5}, {3, -3.5}, {0, 0}};
    double[] closed = q.logPredictiveDensity(pts);
    int s = 4000;
    Batch one = Batch.of(Tensor.zeros(1, 2), new int[] {0}, X.length);
    Latents z = q.draw(one, Rng.seeded(8), s).z();
    double[] w = z.get("weights").toArray();
    double[] mu = z.get("loc").toArray();
    double[] lam = z.get("precision").toArray();
    int k = 3;
    for (int i = 0; i < pts.length; i++) {
      double[] dens = new double[s];
      for (int p = 0; p < s; p++) {
        for (int c = 0; c < k; c++) {
          double[][] lc = {{lam[p * 12 + c * 4], lam[p * 12 + c * 4 + 1]},
              {lam[p * 12 + c * 4 + 2], lam[p * 12 + c * 4 + 3]}};
          double[] mc = {mu[p * 6 + c * 2], mu[p * 6 + c * 2 + 1]};
          double det = lc[0][0] * lc[1][1] - lc[0][1] * lc[1][0];
          dens[p] += w[p * k + c] * Math.sqrt(det) / (2 * Math.PI)
              * Math.exp(-0.5 * GaussianWishartMixture.quad(lc, pts[i], mc));
        }
      }
      double mean = Arrays.stream(dens).average().orElseThrow();
      double se = Math.sqrt(Arrays.stream(dens).map(a -> (a - mean) * (a - mean)).sum()
          / (s - 1) / s);
      assertEquals(mean, Math.exp(closed[i]), 4 * se, "point " + Arrays.toString(pts[i]));
    }
  }

  /**
   * K = 10 on data from 3 components: no NaN anywhere, the three true components are found and the
   * seven surplus components are emptied. A component with no responsibility left has
   * α_k = α0 = 1/K, so E[π_k] = α0 / (K α0 + N) = 0.1 / 301 = 3.3e-4; the bound 1e-3 (three times
   * that) allows for at most about 0.2 points of residual responsibility each. The best ELBO of 3
   * starts x 100 sweeps is kept (a single start can sit for a while with a true cluster split).
   */
  @Test
  void tenComponentsOnThreeClustersEmptyTheSurplusWithoutNaN() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 10);
    Restarts.Result<GaussianWishartMixtureGuide> best = Restarts.runScored(3, 1, seed -> {
      GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(seed));
      for (int t = 0; t < 100; t++) {
        sweep(m, q);
      }
      return q;
    }, m::elbo);
    GaussianWishartMixtureGuide q = best.best();
    GaussianWishartMixtureGuide.Components c = q.sortedComponents();
    for (double v : q.parameters().params().stream().flatMapToDouble(p -> Arrays.stream(p.toArray()))
        .toArray()) {
      assertTrue(Double.isFinite(v));
    }
    double[] w = c.weights().clone();
    Arrays.sort(w);
    for (int j = 0; j < 7; j++) {
      assertTrue(w[j] < 1e-3, "surplus weight " + w[j] + ": " + Arrays.toString(c.weights()));
    }
    double emptied = 0.1 / (1 + X.length);
    assertEquals(emptied, w[0], 0.1 * emptied, "a fully emptied component keeps α0");
    double[] big = {w[9], w[8], w[7]};
    double[] truth = DATA.weights();
    for (int j = 0; j < 3; j++) {                  // within 4 binomial SE of the true weights
      double se = Math.sqrt(truth[j] * (1 - truth[j]) / X.length);
      assertEquals(truth[j], big[j], 4 * se, Arrays.toString(big));
    }
    assertTrue(Double.isFinite(m.elbo(q)));
  }

  /** A component that loses every point falls back to its prior: no NaN, ELBO still monotone. */
  @Test
  void aComponentWithNoPointsProducesNoNaN() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 4);
    GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(4));
    Batch all = Batch.full(m.observed());
    double[][] eta = new double[X.length][4];
    for (double[] row : eta) {
      row[0] = -1e4;                                // r_n0 = exp(−1e4) = 0 exactly
    }
    q.setNaturalParameters("assignment", all, Tensor.of(eta));
    assertEquals(0.0, Arrays.stream(q.responsibilities()).mapToDouble(r -> r[0]).max().orElseThrow());
    double prev = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < 5; t++) {
      sweep(m, q);
      double e = m.elbo(q);
      assertTrue(Double.isFinite(e) && e >= prev - 1e-9 * Math.abs(e), prev + " -> " + e);
      prev = e;
    }
    assertTrue(Arrays.stream(q.expectedWeights()).allMatch(Double::isFinite));
  }

  /** Restarts keep the restart with the best closed-form ELBO, and the restarts differ. */
  @Test
  void restartsKeepTheBestElbo() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 8);
    Restarts.Result<GaussianWishartMixtureGuide> r = Restarts.runScored(6, 20, seed -> {
      GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(seed));
      for (int t = 0; t < 30; t++) {
        sweep(m, q);
      }
      return q;
    }, m::elbo);
    double[] e = r.elbos();
    double max = Arrays.stream(e).max().orElseThrow();
    assertEquals(max, e[r.bestIndex()], 0.0);
    assertEquals(max, m.elbo(r.best()), 0.0);
    assertTrue(Arrays.stream(e).distinct().count() > 1, Arrays.toString(e));
  }

  /** Minibatch updates scale the data terms by N/B: the full data split in two halves agrees. */
  @Test
  void globalUpdatesScaleMinibatchDataTermsByNOverB() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 3);
    GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(6));
    int n = X.length;
    int[] a = new int[n / 2];
    int[] b = new int[n - n / 2];
    double[][] xa = new double[a.length][];
    double[][] xb = new double[b.length][];
    for (int i = 0; i < n; i++) {
      if (i < a.length) {
        a[i] = i;
        xa[i] = X[i];
      } else {
        b[i - a.length] = i;
        xb[i - a.length] = X[i];
      }
    }
    Batch full = Batch.full(m.observed());
    Batch ba = Batch.of(Tensor.of(xa), a, n);
    Batch bb = Batch.of(Tensor.of(xb), b, n);
    for (String latent : List.of("weights", "precision")) {
      double[] ef = m.optimalNaturalParameters(latent, q, full).toArray();
      double[] ea = m.optimalNaturalParameters(latent, q, ba).toArray();
      double[] eb = m.optimalNaturalParameters(latent, q, bb).toArray();
      for (int j = 0; j < ef.length; j++) {     // halves of equal size: the mean of the two is exact
        assertEquals(ef[j], 0.5 * (ea[j] + eb[j]), 1e-9 * (1 + Math.abs(ef[j])), latent + " " + j);
      }
    }
  }

  @Test
  void naturalParametersRoundTrip() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 3);
    GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(9));
    Batch all = Batch.full(m.observed());
    for (String latent : m.conjugateLatents()) {
      Tensor eta = q.naturalParameters(latent, all);
      double before = m.elbo(q);
      q.setNaturalParameters(latent, all, eta);
      assertArrayEquals(eta.toArray(), q.naturalParameters(latent, all).toArray(),
          1e-9 * Arrays.stream(eta.toArray()).map(Math::abs).max().orElse(1), latent);
      assertEquals(before, m.elbo(q), 1e-10 * Math.abs(before), latent);
    }
  }

  @Test
  void refusesBadInputNamingWhatAndWhere() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianWishartMixtureModel.withDefaultPriors(new double[][] {{1, 2}, {3}}, 2));
    assertTrue(e.getMessage().contains("data row 1 must have 2 values"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GaussianWishartMixtureModel(X, 3,
        new GaussianWishartMixture.Priors(0.5, new double[] {0, 0, 0}, 1, 4,
            new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}})));
    assertTrue(e.getMessage().contains("priors have D = 3, data has D = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GaussianWishartMixture.Priors(0.5,
        new double[] {0, 0}, 1, 3, new double[][] {{1, 2}, {2, 1}}));
    assertTrue(e.getMessage().contains("prior W0 = [[1.0, 2.0], [2.0, 1.0]] is not symmetric "
        + "positive definite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GaussianWishartMixture.Priors(0.5,
        new double[] {0, 0}, 1, 3, new double[][] {{1, 0.5}, {0, 1}}));
    assertTrue(e.getMessage().contains("must be symmetric; entry [0][1] = 0.5 but [1][0] = 0.0"),
        e.getMessage());

    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 3);
    GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(m, Rng.seeded(1));
    Batch all = Batch.full(m.observed());
    double before = m.elbo(q);
    double[] eta = q.naturalParameters("precision", all).toArray();
    eta[eta.length - 1 - 4] = 0.5;                 // −W⁻¹/2 of the last component: positive diagonal
    e = assertThrows(IllegalArgumentException.class,
        () -> q.setNaturalParameters("precision", all, Tensor.row(eta)));
    assertTrue(e.getMessage().contains("component 2") && e.getMessage().contains("outside the family"),
        e.getMessage());
    assertEquals(before, m.elbo(q), 0.0, "a refused write changes nothing");
    e = assertThrows(IllegalArgumentException.class,
        () -> m.optimalNaturalParameters("loc", q, all));
    assertTrue(e.getMessage().contains("joint Normal-Wishart"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> q.naturalParameters("loc", all));
    assertTrue(e.getMessage().contains("'precision'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.logJoint(q.draw(all, Rng.seeded(1), 1)
        .z(), Batch.full(Tensor.zeros(3, 3))));
    assertTrue(e.getMessage().contains("3 columns") && e.getMessage().contains("D = 2"),
        e.getMessage());
  }

  @Test
  void logJointRefusesAPrecisionThatIsNotPositiveDefinite() {
    GaussianWishartMixtureModel m = GaussianWishartMixtureModel.withDefaultPriors(X, 2);
    Batch all = Batch.full(m.observed());
    Draw d = new GaussianWishartMixtureGuide(m, Rng.seeded(1)).draw(all, Rng.seeded(2), 2);
    double[] lam = d.z().get("precision").toArray();
    lam[8 + 4] = -1;                                // particle 1, component 1: Λ[0][0] < 0
    Latents z = Latents.builder(2).put("weights", d.z().get("weights"))
        .put("loc", d.z().get("loc")).put("precision", Tensor.of(new double[][] {
            Arrays.copyOfRange(lam, 0, 8), Arrays.copyOfRange(lam, 8, 16)}))
        .put("assignment", d.z().get("assignment")).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.logJoint(z, all));
    assertTrue(e.getMessage().contains("particle 1, component 1")
        && e.getMessage().contains("positive definite"), e.getMessage());
  }
}
