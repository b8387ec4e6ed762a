package org.vi4j.app.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.FitListener;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.guides.delta.DeltaGuide;
import org.vi4j.models.laplacemixture.LaplaceMixtureData;
import org.vi4j.models.laplacemixture.LaplaceMixtureModel;
import org.vi4j.optimizers.em.Em;

/**
 * EM on {@code laplace-mixture} is vi4j's {@code em} optimizer on the coordinate-ascent loop with a
 * {@code delta} guide; here it runs beside EM written out by hand (a plain loop over the formulas:
 * responsibilities, weighted median, weighted mean absolute deviation, mean responsibilities) and
 * the iterates must be identical for 20 steps.
 */
class MixtureEmTest {

  /** EM by hand: one step updates w, mu, b in place. */
  private static void handStep(double[] x, double[] w, double[] mu, double[] b) {
    int n = x.length;
    int k = w.length;
    double[][] r = new double[n][k];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        r[i][c] = Math.log(w[c]) - Math.log(2 * b[c]) - Math.abs(x[i] - mu[c]) / b[c];
        max = Math.max(max, r[i][c]);
      }
      double s = 0;
      for (int c = 0; c < k; c++) {
        s += Math.exp(r[i][c] - max);
      }
      double lse = max + Math.log(s);
      for (int c = 0; c < k; c++) {
        r[i][c] = Math.exp(r[i][c] - lse);
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
    for (int c = 0; c < k; c++) {
      double nk = 0;
      for (int i = 0; i < n; i++) {
        nk += r[i][c];
      }
      double cum = 0;
      for (Integer i : order) {                    // lower weighted median
        cum += r[i][c];
        if (cum >= 0.5 * nk) {
          mu[c] = x[i];
          break;
        }
      }
      double dev = 0;
      for (int i = 0; i < n; i++) {
        dev += r[i][c] * Math.abs(x[i] - mu[c]);
      }
      b[c] = dev / nk;
      w[c] = nk / n;
    }
  }

  @Test
  void emOptimizerHasTheIteratesOfHandWrittenEm() {
    LaplaceMixtureData data = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED);
    LaplaceMixtureModel model = LaplaceMixtureModel.withDefaultPriors(data.train(), 4,
        LaplaceMixtureModel.ScalePrior.GAMMA);
    DeltaGuide guide = new DeltaGuide(model.latents());
    model.writeStart(guide.parameters(), Rng.seeded(7));
    double[] w = guide.point("weights");
    double[] mu = guide.point("loc");
    double[] b = guide.point("scale");
    List<double[][]> vi4j = new ArrayList<>();
    FitListener record = new FitListener() {
      @Override
      public void onStep(org.vi4j.core.spi.StepReport report) {
        vi4j.add(new double[][] {guide.point("weights"), guide.point("loc"), guide.point("scale")});
      }
    };
    Inference.builder().model(model).guide(guide).estimator(new ReparamEstimator(1))
        .optimizer(new Em(Em.Start.GUIDE)).stopAfterSteps(20).evalParticles(5).listener(record).seed(3)
        .build().run();
    assertEquals(20, vi4j.size());
    for (int t = 0; t < 20; t++) {
      handStep(data.train(), w, mu, b);
      // loc is REAL (identity bijector): bit for bit; weights and scale pass through their
      // bijectors only when the guide reports its point, so compare those to 1e-12.
      assertArrayEquals(mu, vi4j.get(t)[1], 0.0, "loc at step " + t);
      assertArrayEquals(b, vi4j.get(t)[2], 1e-12 * 20, "scale at step " + t);
      assertArrayEquals(w, vi4j.get(t)[0], 1e-12, "weights at step " + t);
    }
  }

  /** Checks the optimizer's own point, before the guide's bijector: identical, bit for bit. */
  @Test
  void emPointUpdatesAreBitForBitTheFormulas() {
    LaplaceMixtureData data = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED);
    LaplaceMixtureModel model = LaplaceMixtureModel.withDefaultPriors(data.train(), 4,
        LaplaceMixtureModel.ScalePrior.GAMMA);
    List<double[]> start = model.randomStart(Rng.seeded(7));
    double[] w = start.get(0).clone();
    double[] mu = start.get(1).clone();
    double[] b = start.get(2).clone();
    Batch batch = Batch.full(model.observed());
    double[][] p = {w.clone(), mu.clone(), b.clone()};
    for (int t = 0; t < 20; t++) {
      handStep(data.train(), w, mu, b);
      var point = org.vi4j.core.spi.Latents.builder(1).put("weights", Tensor.row(p[0]))
          .put("loc", Tensor.row(p[1])).put("scale", Tensor.row(p[2])).build();
      Tensor r = model.localPosterior(point, batch);
      p[1] = model.optimalPoint("loc", point, r, batch).toArray();
      point = org.vi4j.core.spi.Latents.builder(1).put("weights", Tensor.row(p[0]))
          .put("loc", Tensor.row(p[1])).put("scale", Tensor.row(p[2])).build();
      p[2] = model.optimalPoint("scale", point, r, batch).toArray();
      p[0] = model.optimalPoint("weights", point, r, batch).toArray();
      assertArrayEquals(mu, p[1], 0.0);
      assertArrayEquals(b, p[2], 0.0);
      assertArrayEquals(w, p[0], 0.0);
    }
    for (double v : p[2]) {
      assertFalse(Double.isNaN(v));
      assertTrue(v > 0);
    }
  }
}
