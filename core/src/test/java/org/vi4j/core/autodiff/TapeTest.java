package org.vi4j.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.linalg.EjmlGemm;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

class TapeTest extends Vi4jTestBase {

  /** Backward walks the recording order with no recursion: a million-op chain must not overflow. */
  @Test
  void backward_millionOpChainDoesNotOverflowTheStack() {
    try (Tape tape = Tape.record()) {
      Tensor x = tape.watch(Tensor.variable(GradientCheck.row(0.5)));
      Tensor y = x;
      for (int i = 0; i < 1_000_000; i++) {
        y = y.mul(1.0000001);
      }
      tape.backward(y);
      assertEquals(1_000_000, tape.recorded());
      assertEquals(Math.pow(1.0000001, 1_000_000), x.grad().data[0], 1e-9);
    }
  }

  @Test
  void leafGradientsAccumulateUntilZeroed() {
    ParamStore ps = new ParamStore();
    Param w = ps.add("w", 1, 2, 3.0);
    Tape tape = new Tape();
    for (int step = 0; step < 3; step++) {
      try (Tape t = tape.reset()) {
        t.watch(ps);
        t.backward(w.square().sum());
      }
    }
    assertArrayEquals(new double[] {18, 18}, w.grad().data, 0);
    ps.zeroGrad();
    assertArrayEquals(new double[] {0, 0}, w.grad().data, 0);
  }

  @Test
  void reusedTapeGivesTheSameResultsAsAFreshOne() {
    DMatrixRMaj a = GradientCheck.uniform(rand, 5, 3, -1, 1);
    Tape reused = new Tape();
    double[] first = null;
    for (int step = 0; step < 3; step++) {
      Tensor x = Tensor.variable(a);
      try (Tape t = reused.reset()) {
        t.watch(x);
        t.backward(x.tanh().matmulTransB(x).logSumExp().sum());
      }
      if (first == null) {
        first = x.grad().data.clone();
      } else {
        assertArrayEquals(first, x.grad().data, 0);
      }
    }
  }

  @Test
  void opsOnUnwatchedInputsRunEagerlyWithoutGradient() {
    Tensor x = Tensor.variable(GradientCheck.row(1, 2));
    Tensor y = x.exp();
    assertFalse(y.requiresGrad());
    assertEquals(Math.exp(2), y.get(0, 1), 0);
  }

  @Test
  void unwatchedLeafMixedIntoARecordingIsRefused() {
    ParamStore ps = new ParamStore();
    Param forgotten = ps.add("forgotten", 1, 1, 1.0);
    try (Tape tape = Tape.record()) {
      Tensor x = tape.watch(Tensor.variable(GradientCheck.row(2)));
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.mul(forgotten));
      assertTrue(e.getMessage().contains("Param[forgotten"), e.getMessage());
      assertTrue(e.getMessage().contains("watch"), e.getMessage());
    }
  }

  @Test
  void twoTapesInOneOpAreRefused() {
    try (Tape t1 = Tape.record(); Tape t2 = Tape.record()) {
      Tensor a = t1.watch(Tensor.variable(GradientCheck.row(1)));
      Tensor b = t2.watch(Tensor.variable(GradientCheck.row(1)));
      assertThrows(IllegalStateException.class, () -> a.add(b));
      assertThrows(IllegalStateException.class, () -> t2.watch(a));
    }
  }

  @Test
  void backwardNeedsAScalarRecordedOnThisTape() {
    try (Tape tape = Tape.record()) {
      Tensor x = tape.watch(Tensor.variable(GradientCheck.row(1, 2)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> tape.backward(x.exp()));
      assertTrue(e.getMessage().contains("1x2"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> tape.backward(Tensor.scalar(1)));
    }
  }

  @Test
  void closeStopsWatchingAndResetForgetsTheRecording() {
    Tensor x = Tensor.variable(GradientCheck.row(1));
    Tape tape = new Tape();
    tape.watch(x);
    tape.close();
    assertFalse(x.exp().requiresGrad(), "after close the leaf is no longer recorded");
    tape.watch(x);
    x.exp();
    assertEquals(1, tape.recorded());
    tape.reset();
    assertEquals(0, tape.recorded());
  }

  @Test
  void constantsFromThePoolCarryNoGradient() {
    try (Tape tape = Tape.record()) {
      Tensor x = tape.watch(Tensor.variable(GradientCheck.row(3)));
      Tensor c = tape.scalar(2);
      Tensor y = x.mul(c).sum();
      tape.backward(y);
      assertEquals(2.0, x.grad().data[0], 0);
      assertFalse(c.requiresGrad());
      assertNull(c.grad(), "a constant gets no gradient buffer");
    }
  }

  @Test
  void productsUseTheTapesGemm() {
    EjmlGemm gemm = new EjmlGemm();
    Tape tape = new Tape(gemm);
    assertSame(gemm, tape.gemm());
    assertThrows(IllegalArgumentException.class, () -> new Tape(null));
  }
}
