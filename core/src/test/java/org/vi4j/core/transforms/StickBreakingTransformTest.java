package org.vi4j.core.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

class StickBreakingTransformTest extends Vi4jTestBase {

  private final StickBreakingTransform t = new StickBreakingTransform();

  /** Three rows of K − 1 = 4 unconstrained values (K = 5), including 0 and large |u|. */
  private static DMatrixRMaj points() {
    return new DMatrixRMaj(new double[][] {
        {0.0, 0.0, 0.0, 0.0}, {-1.5, 0.7, 2.2, -0.4}, {6.0, -5.0, 0.1, 3.0}});
  }

  @Test
  void forward_givesSimplexRows_andZeroIsTheCentre() {
    Tensor x = t.forward(Tensor.constant(points()));
    assertEquals(3, x.rows());
    assertEquals(5, x.cols());
    for (int i = 0; i < 3; i++) {
      double sum = 0;
      for (int c = 0; c < 5; c++) {
        assertTrue(x.get(i, c) > 0);
        sum += x.get(i, c);
      }
      assertEquals(1.0, sum, 1e-14);
    }
    for (int c = 0; c < 5; c++) {
      assertEquals(0.2, x.get(0, c), 1e-15);
    }
  }

  @Test
  void forward_inverse_roundTrip() {
    Tensor x = t.forward(Tensor.constant(points()));
    TransformTestSupport.assertRoundTrip(t, x, 1e-12);
    Tensor u = t.inverse(x);
    for (int k = 0; k < u.size(); k++) {
      assertEquals(points().data[k], u.value().data[k], 1e-9);
    }
    // A lopsided point: tiny sticks survive the round trip.
    Tensor lopsided = Tensor.row(1e-12, 0.5 - 1e-12, 0.25, 0.25);
    TransformTestSupport.assertRoundTrip(t, lopsided, 1e-9);
  }

  @Test
  void logAbsDetJacobian_matchesTheNumericJacobianOfTheFirstKMinusOneCoordinates() {
    DMatrixRMaj u = points();
    Tensor ladj = t.logAbsDetJacobian(Tensor.constant(u));
    assertEquals(3, ladj.rows());
    assertEquals(1, ladj.cols());
    for (int i = 0; i < u.numRows; i++) {
      double numeric = TransformTestSupport.numericLogAbsDet(t, u, i);
      assertEquals(numeric, ladj.get(i, 0), 1e-6 * Math.max(1, Math.abs(numeric)), "row " + i);
    }
    Transform.Pushforward both = t.pushforward(Tensor.constant(u));
    assertEquals(ladj.get(1, 0), both.logAbsDetJacobian().get(1, 0), 0.0);
    assertEquals(ladj.get(1, 0), t.logAbsDetJacobianRows(Tensor.constant(u)).get(1, 0), 0.0);
  }

  @Test
  void twoCoordinates_isTheSigmoid() {
    // K = 2: x_1 = σ(u), log|det| = log σ(u) + log(1 − σ(u)).
    Tensor x = t.forward(Tensor.column(0.3, -2.0));
    Tensor ref = new SigmoidTransform().forward(Tensor.column(0.3, -2.0));
    Tensor refLadj = new SigmoidTransform().logAbsDetJacobian(Tensor.column(0.3, -2.0));
    Tensor ladj = t.logAbsDetJacobian(Tensor.column(0.3, -2.0));
    for (int i = 0; i < 2; i++) {
      assertEquals(ref.get(i, 0), x.get(i, 0), 1e-15);
      assertEquals(1 - ref.get(i, 0), x.get(i, 1), 1e-15);
      assertEquals(refLadj.get(i, 0), ladj.get(i, 0), 1e-14);
    }
  }

  @Test
  void gradients_matchCentralDifferences() {
    assertTrue(GradientCheck.maxError(in -> t.forward(in[0]), points()) < 1e-6, "forward");
    assertTrue(GradientCheck.maxError(in -> t.logAbsDetJacobian(in[0]), points()) < 1e-6, "ladj");
  }

  @Test
  void sizes() {
    assertEquals(5, t.constrainedSize(4));
    assertEquals(4, t.unconstrainedSize(5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.unconstrainedSize(1));
    assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
  }

  @Test
  void inverse_refusesNonSimplexRows() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> t.inverse(Tensor.row(0.5, 0.6)));
    assertTrue(e.getMessage().contains("row 0 sums to"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.inverse(Tensor.row(1.5, -0.5)));
    assertTrue(e.getMessage().contains("(0, 1) is -0.5"), e.getMessage());
  }
}
