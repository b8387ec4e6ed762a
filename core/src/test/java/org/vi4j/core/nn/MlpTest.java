package org.vi4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

class MlpTest extends Vi4jTestBase {

  @Test
  void namesAndShapesFollowTheSizes() {
    ParamStore ps = new ParamStore();
    Mlp m = Mlp.builder(5, 4, 3).activation(Activation.RELU).build(ps, "enc", Rng.seeded(1));
    assertEquals(List.of("enc.0.weight", "enc.0.bias", "enc.1.weight", "enc.1.bias"),
        List.copyOf(ps.names()));
    assertEquals("5x4", ps.get("enc.0.weight").shape());
    assertEquals("1x3", ps.get("enc.1.bias").shape());
    assertEquals(3, m.forward(Tensor.zeros(7, 5)).cols());
    assertEquals(7, m.forward(Tensor.zeros(7, 5)).rows());
  }

  @Test
  void initialisationIsSeededAndWithinTheXavierBound() {
    ParamStore a = new ParamStore();
    ParamStore b = new ParamStore();
    Mlp.builder(30, 20).init(Init.XAVIER_UNIFORM).build(a, "l", Rng.seeded(9));
    Mlp.builder(30, 20).init(Init.XAVIER_UNIFORM).build(b, "l", Rng.seeded(9));
    double[] w = a.get("l.0.weight").toArray();
    assertArrayEquals(w, b.get("l.0.weight").toArray());
    double bound = Math.sqrt(6.0 / 50);
    double var = 0;
    for (double v : w) {
      assertTrue(Math.abs(v) <= bound);
      var += v * v / w.length;
    }
    // U(−a, a) has variance a²/3; 600 draws: relative sd of the estimate ≈ 0.05
    assertEquals(bound * bound / 3, var, 0.25 * bound * bound / 3);
    assertArrayEquals(new double[20], a.get("l.0.bias").toArray());
  }

  @Test
  void forwardMatchesTheFormulaAndItsGradientMatchesFiniteDifferences() {
    DMatrixRMaj x = GradientCheck.uniform(rand, 3, 4, -1, 1);
    DMatrixRMaj w1 = GradientCheck.uniform(rand, 4, 5, -1, 1);
    DMatrixRMaj b1 = GradientCheck.uniform(rand, 1, 5, -1, 1);
    DMatrixRMaj w2 = GradientCheck.uniform(rand, 5, 2, -1, 1);
    DMatrixRMaj b2 = GradientCheck.uniform(rand, 1, 2, -1, 1);
    for (Activation act : Activation.values()) {
      double err = GradientCheck.maxError(in -> {
        ParamStore ps = new ParamStore();
        Mlp m = Mlp.builder(4, 5, 2).activation(act).build(ps, "m", Rng.seeded(1));
        // evaluate the layers' formula with the checked inputs as weights
        Tensor h = act.apply(in[0].matmul(in[1]).add(in[2]));
        return h.matmul(in[3]).add(in[4]);
      }, x, w1, b1, w2, b2);
      assertTrue(err < 1e-6, act + ": " + err);
    }
    // and the layer computes exactly that formula
    ParamStore ps = new ParamStore();
    Mlp m = Mlp.builder(4, 5, 2).activation(Activation.TANH).build(ps, "m", Rng.seeded(1));
    ps.get("m.0.weight").value().setTo(w1);
    ps.get("m.0.bias").value().setTo(b1);
    ps.get("m.1.weight").value().setTo(w2);
    ps.get("m.1.bias").value().setTo(b2);
    Tensor xt = Tensor.constant(x);
    Tensor expected = xt.matmul(Tensor.constant(w1)).add(Tensor.constant(b1)).tanh()
        .matmul(Tensor.constant(w2)).add(Tensor.constant(b2));
    assertArrayEquals(expected.toArray(), m.forward(xt).toArray(), 0.0);
  }

  @Test
  void gradientsReachEveryParameter() {
    ParamStore ps = new ParamStore();
    Mlp m = Mlp.builder(3, 4, 2).build(ps, "m", Rng.seeded(1));
    try (Tape t = Tape.record()) {
      t.watch(ps);
      t.backward(m.forward(Tensor.filled(2, 3, 0.5)).square().sum());
    }
    for (Param p : ps) {
      double s = 0;
      for (double g : p.grad().data) {
        s += Math.abs(g);
      }
      assertTrue(s > 0, p.name());
    }
  }

  @Test
  void badConfigurationsAreRefusedWithTheReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Mlp.builder(3))
        .getMessage().contains("at least an input and an output"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Mlp.builder(3, 0))
        .getMessage().contains("positive"));
    assertArrayEquals(new int[] {400, 200}, Mlp.parseSizes("400, 200", "x"));
    assertEquals(0, Mlp.parseSizes(" ", "x").length);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Mlp.parseSizes("400,a", "opt h"))
        .getMessage().contains("opt h: '400,a' is not a list of layer sizes"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Activation.parse("gelu"))
        .getMessage().contains("[identity, tanh, relu, softplus, sigmoid]"));
    assertEquals(Init.HE_NORMAL, Init.parse("He-Normal"));
    assertThrows(IllegalArgumentException.class,
        () -> new Linear(new ParamStore(), "l", 2, 3, Init.XAVIER_UNIFORM, Rng.seeded(1))
            .forward(Tensor.zeros(1, 3)));
  }
}
