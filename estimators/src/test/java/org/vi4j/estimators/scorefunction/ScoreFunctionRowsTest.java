package org.vi4j.estimators.scorefunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.estimators.enumerate.EnumerateEstimator;
import org.vi4j.estimators.testing.BinaryFactors;

/**
 * {@link ScoreFunctionEstimator} with per-row learning signals, on binary LOCAL latents with an
 * amortised guide ({@link BinaryFactors}), against the exact gradient of {@link EnumerateEstimator}.
 * Each comparison accepts the mean of K calls within 4 Monte Carlo standard errors.
 */
class ScoreFunctionRowsTest extends Vi4jTestBase {

  private static final int CALLS = 1500;
  private static final int[] ROWS = {0, 2, 3, 5};

  /** Gradient samples of K calls on the batch ROWS (model W, guide A and c). */
  private static double[][] sample(GradientEstimator est, Model m, BinaryFactors.Gen gen,
      BinaryFactors.Guide q, int k, long seed) {
    Rng master = Rng.seeded(seed);
    Batch batch = BinaryFactors.batch(ROWS);
    double[][] g = new double[k][];
    for (int i = 0; i < k; i++) {
      gen.parameters().zeroGrad();
      q.parameters().zeroGrad();
      est.estimate(m, q, batch, master.split());
      g[i] = BinaryFactors.gradients(gen, q);
    }
    return g;
  }

  private static double[] exact(BinaryFactors.Gen m, BinaryFactors.Guide q) {
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    new EnumerateEstimator(12).estimate(m, q, BinaryFactors.batch(ROWS), Rng.seeded(0));
    return BinaryFactors.gradients(m, q);
  }

  private static void assertUnbiased(double[][] g, double[] exact, String what) {
    for (int c = 0; c < exact.length; c++) {
      double mean = 0;
      for (double[] row : g) {
        mean += row[c];
      }
      mean /= g.length;
      double ss = 0;
      for (double[] row : g) {
        ss += (row[c] - mean) * (row[c] - mean);
      }
      double se = Math.sqrt(ss / (g.length - 1) / g.length);
      assertEquals(exact[c], mean, 4 * se + 1e-12, what + ": component " + c + ", SE " + se);
    }
  }

  /** Σ over the guide's components (A and c: after the 6 of W) of the sample variances. */
  static double guideVariance(double[][] g) {
    double total = 0;
    for (int c = 6; c < g[0].length; c++) {
      double mean = 0;
      for (double[] row : g) {
        mean += row[c];
      }
      mean /= g.length;
      double ss = 0;
      for (double[] row : g) {
        ss += (row[c] - mean) * (row[c] - mean);
      }
      total += ss / (g.length - 1);
    }
    return total;
  }

  @ParameterizedTest
  @EnumSource(Baseline.class)
  void meanGradientMatchesTheEnumeratedOne(Baseline b) {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    double[] exact = exact(m, q);
    ScoreFunctionEstimator est = ScoreFunctionEstimator.builder().particles(4).baseline(b)
        .normalize(false).baselineHidden(8).baselineLearningRate(0.01).build();
    assertUnbiased(sample(est, m, m, q, CALLS, 11), exact, "score-function, " + b);
  }

  @Test
  void analyticKlKeepsItUnbiased() {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    double[] exact = exact(m, q);
    ScoreFunctionEstimator est = ScoreFunctionEstimator.builder().particles(4)
        .baseline(Baseline.LEAVE_ONE_OUT).analyticKl(true).build();
    assertUnbiased(sample(est, m, m, q, CALLS, 12), exact, "score-function, analytic KL");
    // and the reported values average to the exact ELBO
    Rng master = Rng.seeded(13);
    double sum = 0;
    double ss = 0;
    for (int i = 0; i < CALLS; i++) {
      double v = est.estimate(m, q, BinaryFactors.batch(ROWS), master.split()).value();
      sum += v;
      ss += v * v;
    }
    double mean = sum / CALLS;
    double se = Math.sqrt((ss / CALLS - mean * mean) / CALLS);
    assertEquals(BinaryFactors.exactElbo(m, q, ROWS), mean, 4 * se);
  }

  /**
   * Per-row signals against the whole-batch signal of the same draws (the model with its per-row
   * log joint hidden): both unbiased, the per-row one with less variance. Measured (no baseline, 4
   * particles, batch of 4 rows): guide-gradient variance 0.033 of the whole-batch signal's (seed 21).
   */
  @Test
  void perRowSignalsHaveLessVarianceThanTheWholeBatchSignal() {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    double[] exact = exact(m, q);
    ScoreFunctionEstimator est = new ScoreFunctionEstimator(4, Baseline.NONE, 0.9);
    double[][] rows = sample(est, m, m, q, CALLS, 21);
    double[][] whole = sample(est, m.withoutRows(), m, q, CALLS, 21);
    assertUnbiased(whole, exact, "whole-batch signal");
    double ratio = guideVariance(rows) / guideVariance(whole);
    assertTrue(ratio < 0.2, "per-row / whole-batch variance = " + ratio);
  }

  /**
   * Variance normalisation divides the guide's gradient, and only it, by max(1, √v), the closed-form
   * KL's part included: from the same state (network, running mean and variance) and the same
   * draws, the normalised and plain estimators differ by exactly that factor in the guide's
   * components.
   */
  @Test
  void nvilNormalisationScalesOnlyTheGuideGradient() throws IOException {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    double[] w0 = m.weights().value().data;
    for (int k = 0; k < 6; k++) {
      w0[k] *= 4;                       // a wider spread of the signal than 1
    }
    Batch batch = BinaryFactors.batch(ROWS);
    ScoreFunctionEstimator warm = nvil(true);
    Rng rng = Rng.seeded(5);
    for (int i = 0; i < 5; i++) {
      warm.estimate(m, q, batch, rng);
    }
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    warm.writeState(new DataOutputStream(state));
    ScoreFunctionEstimator on = nvil(true);
    ScoreFunctionEstimator off = nvil(false);
    on.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray())));
    off.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray())));
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    on.estimate(m, q, batch, Rng.seeded(9));
    double[] normalised = BinaryFactors.gradients(m, q);
    double factor = on.lastNormalization();
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    off.estimate(m, q, batch, Rng.seeded(9));
    double[] plain = BinaryFactors.gradients(m, q);
    assertEquals(1.0, off.lastNormalization());
    assertTrue(factor < 0.9, "the signal's spread exceeds 1 here, so it is normalised: " + factor);
    for (int c = 0; c < plain.length; c++) {
      double expected = c < 6 ? plain[c] : plain[c] * factor;
      assertEquals(expected, normalised[c], 1e-12 * (1 + Math.abs(expected)), "component " + c);
    }
  }

  private static ScoreFunctionEstimator nvil(boolean normalize) {
    return ScoreFunctionEstimator.builder().particles(3).baseline(Baseline.NVIL)
        .normalize(normalize).decay(0.5).baselineHidden(4).analyticKl(true).build();
  }

  @Test
  void nvilStateRoundTripsBitForBitAndIsRefusedAcrossSettings() throws IOException {
    BinaryFactors.Gen m = BinaryFactors.model();
    BinaryFactors.Guide q = BinaryFactors.guide();
    Batch batch = BinaryFactors.batch(ROWS);
    ScoreFunctionEstimator a = ScoreFunctionEstimator.builder().particles(2)
        .baseline(Baseline.NVIL).baselineHidden(5).build();
    Rng rng = Rng.seeded(3);
    for (int i = 0; i < 4; i++) {
      a.estimate(m, q, batch, rng);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    ScoreFunctionEstimator b = ScoreFunctionEstimator.builder().particles(2)
        .baseline(Baseline.NVIL).baselineHidden(5).build();
    b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    ElboEstimate ea = a.estimate(m, q, batch, Rng.seeded(77));
    double[] ga = BinaryFactors.gradients(m, q);
    m.parameters().zeroGrad();
    q.parameters().zeroGrad();
    ElboEstimate eb = b.estimate(m, q, batch, Rng.seeded(77));
    assertEquals(ea, eb);
    assertArrayEquals(ga, BinaryFactors.gradients(m, q), 0.0);
    assertEquals(a.baselineParameters().get(0).get(0, 0), b.baselineParameters().get(0).get(0, 0),
        0.0);
    ScoreFunctionEstimator other = ScoreFunctionEstimator.builder().particles(2)
        .baseline(Baseline.NVIL).baselineHidden(6).build();
    String msg = assertThrows(IllegalArgumentException.class, () -> other.readState(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())))).getMessage();
    assertTrue(msg.contains("baseline-hidden 5") && msg.contains("baseline-hidden 6"), msg);
    assertEquals(List.of(), other.baselineParameters());
  }

  @Test
  void nvilNeedsPerRowSignals() {
    ScoreFunctionEstimator est = ScoreFunctionEstimator.builder().baseline(Baseline.NVIL).build();
    BinaryFactors.Gen m = BinaryFactors.model();
    List<String> problems = est.check(m.withoutRows(), BinaryFactors.guide());
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("baseline nvil reads each data row")
        && problems.get(0).contains("no per-row log joint (PointwiseLogJoint)")
        && problems.get(0).contains("leave-one-out"), problems.get(0));
    assertEquals(List.of(), est.check(m, BinaryFactors.guide()));
    assertThrows(IllegalArgumentException.class, () -> est.estimate(m.withoutRows(),
        BinaryFactors.guide(), BinaryFactors.batch(ROWS), Rng.seeded(1)));
  }
}
