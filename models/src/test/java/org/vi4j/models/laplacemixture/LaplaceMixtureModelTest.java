package org.vi4j.models.laplacemixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.testing.Vi4jTestBase;

class LaplaceMixtureModelTest extends Vi4jTestBase {

  static final LaplaceMixtureData DATA = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED);

  private static Latents point(double[] w, double[] mu, double[] b) {
    return Latents.builder(1).put("weights", Tensor.row(w)).put("loc", Tensor.row(mu))
        .put("scale", Tensor.row(b)).build();
  }

  @Test
  void generatorIsSeededAndMatchesTheIssue() {
    LaplaceMixtureData again = LaplaceMixtureData.experiment(LaplaceMixtureData.SEED);
    assertArrayEquals(DATA.train(), again.train(), 0.0);
    assertEquals(200, DATA.train().length);
    assertEquals(10_000, DATA.heldOut().length);
    for (int c = 0; c < 4; c++) {
      assertTrue(DATA.loc()[c] >= 0 && DATA.loc()[c] <= 20);
      assertTrue(DATA.scale()[c] > 0 && DATA.scale()[c] <= 3);
      assertEquals(0.25, DATA.weights()[c]);
    }
  }

  /** The log joint with several particles equals the formula evaluated directly. */
  @Test
  void logJointIsPriorPlusSummedOutLikelihood() {
    LaplaceMixtureModel m = LaplaceMixtureModel.withDefaultPriors(DATA.train(), 3,
        LaplaceMixtureModel.ScalePrior.GAMMA);
    double[][] w = {{0.2, 0.3, 0.5}, {0.6, 0.3, 0.1}};
    double[][] mu = {{1, 5, 12}, {3, 9, 15}};
    double[][] b = {{0.5, 1, 2}, {1.5, 0.7, 0.9}};
    Latents z = Latents.builder(2).put("weights", Tensor.of(w)).put("loc", Tensor.of(mu))
        .put("scale", Tensor.of(b)).build();
    Batch all = Batch.full(m.observed());
    double[] got = m.logJoint(z, all).toArray();
    double[] lik = m.logLikelihood(z, all).toArray();
    for (int p = 0; p < 2; p++) {
      Latents one = point(w[p], mu[p], b[p]);
      double expected = 0;
      for (double x : DATA.train()) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
          s += w[p][c] * Math.exp(-Math.abs(x - mu[p][c]) / b[p][c]) / (2 * b[p][c]);
        }
        expected += Math.log(s);
      }
      assertEquals(expected, lik[p], 1e-9 * Math.abs(expected));
      assertEquals(expected, m.logLikelihood(one, all).item(), 1e-9 * Math.abs(expected));
      double prior = m.prior("weights").logProb(Tensor.row(w[p])).item()
          + m.prior("loc").logProb(Tensor.row(mu[p])).sum().item()
          + m.prior("scale").logProb(Tensor.row(b[p])).sum().item();
      assertEquals(expected + prior, got[p], 1e-9 * Math.abs(expected));
    }
    double[] pred = LaplaceMixtureModel.logPredictiveDensity(point(w[0], mu[0], b[0]), DATA.train());
    assertEquals(lik[0], java.util.Arrays.stream(pred).sum(), 1e-9 * Math.abs(lik[0]));
  }

  @Test
  void emptyComponentKeepsItsValuesAndNothingIsNaN() {
    LaplaceMixtureModel m = LaplaceMixtureModel.withDefaultPriors(DATA.train(), 3,
        LaplaceMixtureModel.ScalePrior.GAMMA);
    Latents p = point(new double[] {0.5, 0.5 - 1e-300, 1e-300}, new double[] {5, 10, 1e6},
        new double[] {1, 1, 0.01});
    Batch all = Batch.full(m.observed());
    Tensor r = m.localPosterior(p, all);
    double[] mu = m.optimalPoint("loc", p, r, all).toArray();
    double[] b = m.optimalPoint("scale", p, r, all).toArray();
    double[] w = m.optimalPoint("weights", p, r, all).toArray();
    assertEquals(1e6, mu[2]);
    assertEquals(0.01, b[2]);
    assertTrue(w[2] > 0 && w[2] < 1e-9, "weight " + w[2]);
    for (double[] v : List.of(mu, b, w)) {
      for (double a : v) {
        assertFalse(Double.isNaN(a));
      }
    }
  }

  @Test
  void componentsAreReportedSortedByLocation() {
    LaplaceMixtureModel.Components c = LaplaceMixtureModel.sortedByLocation(
        new double[] {0.1, 0.2, 0.7}, new double[] {9, -1, 3}, new double[] {1, 2, 3});
    assertArrayEquals(new double[] {-1, 3, 9}, c.loc(), 0.0);
    assertArrayEquals(new double[] {0.2, 0.7, 0.1}, c.weights(), 0.0);
    assertArrayEquals(new double[] {2, 3, 1}, c.scale(), 0.0);
  }

  @Test
  void csvLoaderRejectsBadRowsWithLineNumber() throws IOException {
    assertArrayEquals(new double[] {1.5, -2, 3e2},
        NumberColumn.read(new StringReader("x\n1.5\n\n# note\n-2\n3e2\n"), "t.csv"), 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NumberColumn.read(new StringReader("1\n2\nabc\n"), "t.csv"));
    assertTrue(e.getMessage().contains("t.csv, line 3") && e.getMessage().contains("accepted"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NumberColumn.read(new StringReader("1\n2,3\n"), "t.csv"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> NumberColumn.read(new StringReader("1\nNaN\n"), "t.csv"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void startsAreSeeded() {
    LaplaceMixtureModel m = LaplaceMixtureModel.withDefaultPriors(DATA.train(), 4,
        LaplaceMixtureModel.ScalePrior.LOG_NORMAL);
    assertArrayEquals(m.randomStart(Rng.seeded(1)).get(1), m.randomStart(Rng.seeded(1)).get(1), 0.0);
  }
}
