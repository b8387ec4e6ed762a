package org.vi4j.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.data.Pixels;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.models.poissongamma.DigitsData;

class VaeModelTest extends Vi4jTestBase {

  private DMatrixRMaj pixels(int n, int f) {
    return GradientCheck.uniform(rand, n, f, 0, 1);
  }

  @Test
  void logJointIsTheScaledSumOfBernoulliLikelihoodAndStandardNormalPrior() {
    VaeModel m = VaeModel.builder(pixels(6, 5)).latentSize(2).hidden(3).seed(4).build();
    DMatrixRMaj x = pixels(3, 5);
    Batch b = Batch.of(Tensor.constant(x), new int[] {0, 1, 2}, 6);
    DMatrixRMaj codes = GradientCheck.uniform(rand, 6, 2, -1, 1);    // 2 particles x 3 rows
    Latents z = Latents.builder(2).put("z", Tensor.constant(codes)).build();
    Tensor logits = m.decoder().forward(Tensor.constant(codes));
    double[] expected = new double[2];
    double[] rows = m.logJointPerRow(z, b).toArray();
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < 3; i++) {
        double r = 0;
        for (int j = 0; j < 5; j++) {
          double l = logits.get(p * 3 + i, j);
          r += x.get(i, j) * l - Math.log1p(Math.exp(l));
        }
        for (int j = 0; j < 2; j++) {
          double c = codes.get(p * 3 + i, j);
          r += -0.5 * c * c - 0.5 * Math.log(2 * Math.PI);
        }
        assertEquals(r, rows[p * 3 + i], 1e-10);
        expected[p] += 2.0 * r;
      }
    }
    assertArrayEquals(expected, m.logJoint(z, b).toArray(), 1e-9);
  }

  @Test
  void gaussianDecoderLearnsItsScaleAndKlWeightWarmsUp() {
    VaeModel m = VaeModel.builder(pixels(4, 3)).latentSize(1).hidden(2)
        .likelihood(Likelihood.GAUSSIAN).klWeight(0.5).warmupSteps(4).build();
    assertTrue(m.parameters().contains("decoder.log_scale"));
    Batch b = Batch.full(m.observed());
    assertEquals(0.0, m.klWeight());
    Tape tape = new Tape();
    double[] seen = new double[6];
    for (int s = 0; s < 6; s++) {
      try (Tape t = tape.reset()) {
        t.watch(m.parameters());
        m.logJoint(Latents.builder(1).put("z", Tensor.zeros(4, 1)).build(), b);
        seen[s] = m.klWeight();
      }
    }
    assertArrayEquals(new double[] {0, 0.125, 0.25, 0.375, 0.5, 0.5}, seen, 1e-12);
    // evaluations without gradients do not advance the warm-up
    m.logJoint(Latents.builder(1).put("z", Tensor.zeros(4, 1)).build(), b);
    assertEquals(6, m.trainingSteps());
  }

  @Test
  void decodesSamplesAndDrawsTheManifold() {
    VaeModel m = VaeModel.builder(pixels(4, 6)).latentSize(2).hidden(3).build();
    Tensor s = m.sample(5, Rng.seeded(1));
    assertEquals("5x6", s.shape());
    for (double v : s.toArray()) {
      assertTrue(v > 0 && v < 1);
    }
    assertEquals("16x6", m.manifold(4).shape());
    VaeModel m3 = VaeModel.builder(pixels(4, 6)).latentSize(3).build();
    assertTrue(assertThrows(IllegalStateException.class, () -> m3.manifold(4)).getMessage()
        .contains("latent size 2"));
  }

  @Test
  void refusesDataOutsideTheUnitIntervalForBernoulli() {
    DMatrixRMaj bad = pixels(3, 4);
    bad.set(1, 2, 3.0);
    String msg = assertThrows(IllegalArgumentException.class,
        () -> VaeModel.builder(bad).build()).getMessage();
    assertTrue(msg.contains("row 1, column 2 is outside [0, 1]"), msg);
    VaeModel.builder(bad).likelihood(Likelihood.GAUSSIAN).build();
  }

  @Test
  void providerBuildsTheDigitsModelByDefault() {
    VaeProvider p = new VaeProvider();
    VaeModel m = (VaeModel) p.create(Options.empty().with("latent-size", 2).with("hidden", "16")
        .with("binarize", 0.5).with("activation", "relu")
        .checkedFor("model 'vae'", p.options()));
    assertEquals(DigitsData.BUNDLED_SIZE, m.observed().rows());
    assertEquals(64, m.features());
    assertEquals(Activation.RELU, m.decoder().activation());
    for (double v : m.observed().toArray()) {
      assertTrue(v == 0 || v == 1);
    }
    DMatrixRMaj scaled = Pixels.scale(DigitsData.bundled().counts().value(), 16);
    assertEquals(scaled.numRows, m.observed().rows());
  }
}
