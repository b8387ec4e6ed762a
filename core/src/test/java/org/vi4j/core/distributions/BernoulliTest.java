package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.testing.GradientCheck;

class BernoulliTest extends DistributionContractTest {

  @Override
  Distribution makeDistribution(Tensor... p) {
    return Bernoulli.ofLogits(p[0]);
  }

  @Override
  String[] getParameterNames() {
    return new String[] {"logits"};
  }

  @Override
  List<Invalid> makeInvalidParameters() {
    return List.of(
        new Invalid("logits", "NaN", new double[] {Double.NaN}),
        new Invalid("logits", "-Infinity", new double[] {Double.NEGATIVE_INFINITY}));
  }

  @Override
  String referenceName() {
    return "bernoulli";
  }

  /** The contract's check perturbs x = 0 and 1 out of [0, 1]; the x-gradient is checked below. */
  @Override
  boolean differentiableInValue() {
    return false;
  }

  /** For [0, 1]-valued intensities logProb is the negative binary cross-entropy, smooth in x. */
  @Test
  void logProbOfIntensitiesIsDifferentiableInValueAndLogit() {
    double err = GradientCheck.maxError(in -> Bernoulli.ofLogits(in[1]).logProb(in[0]),
        new DMatrixRMaj(3, 1, true, 0.1, 0.5, 0.85), GradientCheck.row(-1.3));
    assertTrue(err < 1e-6, "gradient error " + err);
    double p = 1 / (1 + Math.exp(1.3));
    double x = 0.85;
    assertEquals(x * Math.log(p) + (1 - x) * Math.log(1 - p),
        Bernoulli.ofLogits(-1.3).logProb(Tensor.scalar(x)).item(), 1e-14);
  }

  @Test
  void ofProbsConvertsToLogitsDifferentiably() {
    Bernoulli b = Bernoulli.ofProbs(0.25);
    assertEquals(Math.log(0.25 / 0.75), b.logits().item(), 1e-15);
    assertEquals(0.25, b.probs().item(), 1e-15);
    double err = GradientCheck.maxError(in -> Bernoulli.ofProbs(in[0]).logProb(Tensor.scalar(1)),
        GradientCheck.row(0.3, 0.9));
    assertTrue(err < 1e-6, "gradient error " + err);
    for (double bad : new double[] {0, 1, -0.5, Double.NaN}) {
      DistributionException e = assertThrows(DistributionException.class,
          () -> Bernoulli.ofProbs(bad));
      assertTrue(e.getMessage().contains("Bernoulli") && e.getMessage().contains("probs")
          && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
  }

  @Test
  void extremeLogitsStayFinite() {
    Bernoulli b = Bernoulli.ofLogits(Tensor.row(-800, 800));
    double[] lp = b.logProb(Tensor.row(1, 1)).toArray();
    assertEquals(-800, lp[0], 1e-12);
    assertEquals(0, lp[1], 1e-300);
    for (double v : b.variance().toArray()) {
      assertTrue(v >= 0 && Double.isFinite(v));
    }
    for (double v : b.entropy().toArray()) {
      assertTrue(v >= 0 && Double.isFinite(v));
    }
    assertEquals(Support.BINARY, b.support());
  }

  @Test
  void ofLogitsWithPreviousHandsBackTheSameViewButStillValidates() {
    Tensor logits = Tensor.row(0.5, -1.0);
    Bernoulli first = Bernoulli.ofLogits(logits, null);
    org.junit.jupiter.api.Assertions.assertSame(first, Bernoulli.ofLogits(logits, first));
    org.junit.jupiter.api.Assertions.assertNotSame(first, Bernoulli.ofLogits(Tensor.row(0.5, -1.0), first));
    logits.value().data[0] = Double.NaN;
    org.junit.jupiter.api.Assertions.assertThrows(DistributionException.class,
        () -> Bernoulli.ofLogits(logits, first));
  }
}
