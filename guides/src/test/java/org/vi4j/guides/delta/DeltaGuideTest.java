package org.vi4j.guides.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.guides.fixtures.LatentsOnlyModel;

class DeltaGuideTest extends Vi4jTestBase {

  private static final LatentSpec SPEC = LatentSpec.of(
      Latent.global("w", 2, Support.REAL), Latent.global("rate", 2, Support.POSITIVE),
      Latent.global("p", 1, Support.UNIT_INTERVAL), Latent.global("theta", 3, Support.SIMPLEX));

  @Test
  void init_putsThePointAtTheImageOfZero() {
    DeltaGuide q = new DeltaGuide(SPEC, 0.0);
    assertArrayEquals(new double[] {0, 0}, q.point("w"), 0.0);
    assertArrayEquals(new double[] {1, 1}, q.point("rate"), 0.0);
    assertArrayEquals(new double[] {0.5}, q.point("p"), 0.0);
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, q.point("theta"), 1e-15);
    assertEquals(2, q.parameters().get("theta.loc").cols(), "simplex: K - 1 unconstrained values");
  }

  @Test
  void draw_repeatsThePoint_withLogQZero() {
    DeltaGuide q = new DeltaGuide(SPEC, 0.0);
    q.setPoint("theta", Tensor.row(0.2, 0.3, 0.5));
    q.setPoint("rate", Tensor.row(2.0, 0.25));
    Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(1), 4);
    for (int p = 0; p < 4; p++) {
      assertEquals(0.0, d.logQ().get(p, 0), 0.0);
      assertEquals(0.2, d.z().get("theta").get(p, 0), 1e-14);
      assertEquals(0.5, d.z().get("theta").get(p, 2), 1e-14);
      assertEquals(0.25, d.z().get("rate").get(p, 1), 1e-15);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> q.setPoint("rate", Tensor.row(1.0, -1.0)));
    assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> q.setPoint("rate", Tensor.row(1.0)));
    assertTrue(e.getMessage().contains("1x2") && e.getMessage().contains("'rate'"), e.getMessage());
  }

  @Test
  void gradient_isTheExactPathDerivative() {
    // f = Σ_p z_p for a POSITIVE latent: d/du mean_p f = e^u exactly (no Monte Carlo noise).
    DeltaGuide q = new DeltaGuide(LatentsOnlyModel.of("rate", 2, Support.POSITIVE).latents(), 0.0);
    System.arraycopy(new double[] {0.7, -1.1}, 0, q.parameters().get("rate.loc").value().data, 0, 2);
    try (Tape tape = Tape.record()) {
      tape.watch(q.parameters());
      Draw d = q.draw(LatentsOnlyModel.batch(), Rng.seeded(1), 3);
      tape.backward(d.z().get("rate").sumRows().add(d.logQ()).mean());
    }
    assertArrayEquals(new double[] {Math.exp(0.7), Math.exp(-1.1)},
        q.parameters().get("rate.loc").grad().data, 1e-15);
  }
}
