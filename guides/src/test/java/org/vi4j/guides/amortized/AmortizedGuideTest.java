package org.vi4j.guides.amortized;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Bernoulli;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.nn.Activation;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

class AmortizedGuideTest extends Vi4jTestBase {

  private static final LatentSpec SPEC = LatentSpec.of(Latent.local("z", 3, Support.REAL));

  private Batch batch(int b, int n) {
    DMatrixRMaj x = GradientCheck.uniform(rand, b, 5, 0, 1);
    int[] rows = new int[b];
    for (int i = 0; i < b; i++) {
      rows[i] = i * (n / b);
    }
    return Batch.of(Tensor.constant(x), rows, n);
  }

  @Test
  void drawsParticleMajorCodesAndTheScaledLogDensity() {
    AmortizedGuide q = AmortizedGuide.builder(SPEC, 5).hidden(4).activation(Activation.TANH)
        .seed(3).build();
    assertEquals(List.of("encoder.0.weight", "encoder.0.bias", "z.loc.weight", "z.loc.bias",
        "z.scale.weight", "z.scale.bias"), List.copyOf(q.parameters().names()));
    Batch b = batch(4, 40);
    Draw d = q.draw(b, Rng.seeded(1), 2);
    Tensor z = d.z().get("z");
    assertEquals("8x3", z.shape());
    Normal f = (Normal) q.factor("z");
    assertEquals(4, f.rows());
    // row p·B + i of z has batch row i's factor; log q is (N/B) Σ_i per particle
    double[] expected = new double[2];
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 3; j++) {
          double mu = f.loc().get(i, j);
          double sd = f.scale().get(i, j);
          double u = (z.get(p * 4 + i, j) - mu) / sd;
          expected[p] += 10 * (-0.5 * u * u - Math.log(sd) - 0.5 * Math.log(2 * Math.PI));
        }
      }
    }
    assertArrayEquals(expected, d.logQ().toArray(), 1e-9);
    assertTrue(q.reparameterizable());
  }

  @Test
  void theSameSeedAndRngGiveTheSameDraw() {
    Batch b = batch(3, 3);
    double[] one = AmortizedGuide.builder(SPEC, 5).seed(7).build().draw(b, Rng.seeded(2), 1)
        .z().get("z").toArray();
    double[] two = AmortizedGuide.builder(SPEC, 5).seed(7).build().draw(b, Rng.seeded(2), 1)
        .z().get("z").toArray();
    assertArrayEquals(one, two, 0.0);
  }

  @Test
  void gradientsReachEveryEncoderParameter() {
    AmortizedGuide q = AmortizedGuide.builder(SPEC, 5).hidden(4, 4)
        .scaleLink(AmortizedGuide.ScaleLink.EXP).build();
    try (Tape t = Tape.record()) {
      t.watch(q.parameters());
      Draw d = q.draw(batch(3, 3), Rng.seeded(1), 1);
      t.backward(d.z().get("z").square().sum().add(d.logQ().sum()));
    }
    for (Param p : q.parameters()) {
      double s = 0;
      for (double g : p.grad().data) {
        s += Math.abs(g);
      }
      assertTrue(s > 0, p.name());
    }
  }

  @Test
  void binaryLatentsGetABernoulliWithoutPathwiseGradients() {
    AmortizedGuide q = AmortizedGuide.builder(
        LatentSpec.of(Latent.local("c", 2, Support.BINARY)), 5).build();
    assertFalse(q.reparameterizable());
    Draw d = q.draw(batch(3, 3), Rng.seeded(1), 4);
    assertEquals("12x2", d.z().get("c").shape());
    assertInstanceOf(Bernoulli.class, q.factor("c"));
    for (double v : d.z().get("c").toArray()) {
      assertTrue(v == 0.0 || v == 1.0);
    }
  }

  /** factor(latent, batch) encodes that batch now: the draw's factor, without drawing. */
  @Test
  void factorOfABatchIsTheEncodingOfItsRowsWithoutADraw() {
    AmortizedGuide q = AmortizedGuide.builder(
        LatentSpec.of(Latent.local("c", 2, Support.BINARY)), 5).hidden(3).seed(4).build();
    Batch b = batch(3, 9);
    Bernoulli encoded = (Bernoulli) q.factor("c", b);
    assertEquals("3x2", encoded.logits().shape());
    q.draw(b, Rng.seeded(1), 2);
    assertArrayEquals(((Bernoulli) q.factor("c")).logits().toArray(), encoded.logits().toArray(),
        0.0);
    Batch other = batch(2, 2);
    assertEquals(2, q.factor("c", other).rows());
    assertEquals(3, q.factor("c").rows(), "the last draw's factor is unchanged");
    try (Tape t = Tape.record()) {
      t.watch(q.parameters());
      t.backward(((Bernoulli) q.factor("c", b)).logits().sum());
    }
    assertTrue(q.parameters().get("c.logits.bias").grad().get(0, 0) == 3.0,
        "d/d bias of the summed logits of 3 rows");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> q.factor("z", b)).getMessage()
        .contains("known: [c]"));
  }

  @Test
  void refusesWhatItCannotRepresent() {
    String msg = assertThrows(IllegalArgumentException.class, () -> AmortizedGuide.builder(
        LatentSpec.of(Latent.global("w", 2, Support.REAL)), 5).build()).getMessage();
    assertTrue(msg.contains("exactly one LOCAL latent"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> AmortizedGuide.builder(
        LatentSpec.of(Latent.local("w", 2, Support.POSITIVE)), 5).build()).getMessage();
    assertTrue(msg.contains("not supported"), msg);
    AmortizedGuide q = AmortizedGuide.builder(SPEC, 5).build();
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> q.draw(Batch.full(Tensor.zeros(2, 4)), Rng.seeded(1), 1)).getMessage()
        .contains("encoder takes 5"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> q.factor("y")).getMessage()
        .contains("known: [z]"));
  }
}
