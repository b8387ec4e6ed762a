package org.vi4j.core.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * The element-wise transforms ({@link ExpTransform}, {@link SigmoidTransform}, {@link
 * AffineTransform}): round trips, log|T'| against central differences of T, gradient checks.
 */
class ElementWiseTransformsTest extends Vi4jTestBase {

  static Stream<Transform> transforms() {
    return Stream.of(new ExpTransform(), new SigmoidTransform(), new AffineTransform(0.5, -2.5),
        AffineTransform.identity());
  }

  /** Unconstrained points including 0, negatives and moderately large |u|. */
  private static DMatrixRMaj points() {
    return new DMatrixRMaj(new double[][] {{-7.5, -1.2, 0.0}, {0.3, 2.0, 9.0}});
  }

  @ParameterizedTest
  @MethodSource("transforms")
  void forward_inverse_roundTrip(Transform t) {
    Tensor z = t.forward(Tensor.constant(points()));
    TransformTestSupport.assertRoundTrip(t, z, 1e-12);
    Tensor u = t.inverse(z);
    for (int k = 0; k < u.size(); k++) {
      assertEquals(points().data[k], u.value().data[k], 1e-9 * Math.max(1, Math.abs(points().data[k])));
    }
  }

  @ParameterizedTest
  @MethodSource("transforms")
  void logAbsDetJacobian_matchesFiniteDifferences(Transform t) {
    DMatrixRMaj u = points();
    Tensor ladj = t.logAbsDetJacobian(Tensor.constant(u));
    assertEquals(u.numRows, ladj.rows());
    assertEquals(u.numCols, ladj.cols());
    for (int k = 0; k < u.getNumElements(); k++) {
      double numeric = TransformTestSupport.numericLogAbsDerivative(t, u, k);
      assertEquals(numeric, ladj.value().data[k], 1e-6 * Math.max(1, Math.abs(numeric)),
          t + " at u = " + u.data[k]);
    }
    Tensor rows = t.logAbsDetJacobianRows(Tensor.constant(u));
    for (int i = 0; i < u.numRows; i++) {
      assertEquals(ladj.get(i, 0) + ladj.get(i, 1) + ladj.get(i, 2), rows.get(i, 0), 1e-12);
    }
  }

  @ParameterizedTest
  @MethodSource("transforms")
  void gradients_matchCentralDifferences(Transform t) {
    assertTrue(GradientCheck.maxError(in -> t.forward(in[0]), points()) < 1e-6, "forward");
    if (!(t instanceof AffineTransform)) {
      // Affine's log-determinant is a constant: nothing to differentiate.
      assertTrue(GradientCheck.maxError(in -> t.logAbsDetJacobian(in[0]), points()) < 1e-6, "ladj");
    }
  }

  @ParameterizedTest
  @MethodSource("transforms")
  void shapesAndSupport(Transform t) {
    assertTrue(t.elementWise());
    assertEquals(4, t.constrainedSize(4));
    assertEquals(4, t.unconstrainedSize(4));
    assertEquals(t.support(), Transforms.forSupport(t.support()).support());
  }

  @org.junit.jupiter.api.Test
  void inverse_refusesValuesOutsideTheSupport() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ExpTransform().inverse(Tensor.row(1.0, -2.0)));
    assertTrue(e.getMessage().contains("(0, 1)") && e.getMessage().contains("-2.0")
        && e.getMessage().contains("> 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SigmoidTransform().inverse(Tensor.row(1.0)));
    assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> AffineTransform.identity().inverse(Tensor.row(Double.NaN)));
  }

  @org.junit.jupiter.api.Test
  void affine_refusesZeroOrNonFiniteScale() {
    assertThrows(IllegalArgumentException.class, () -> new AffineTransform(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new AffineTransform(0, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new AffineTransform(Double.POSITIVE_INFINITY, 1));
  }

  @org.junit.jupiter.api.Test
  void sigmoid_logDetStaysFiniteInTheTails() {
    Tensor ladj = new SigmoidTransform().logAbsDetJacobian(Tensor.row(-800, 800));
    assertEquals(-800, ladj.get(0, 0), 1e-9);
    assertEquals(-800, ladj.get(0, 1), 1e-9);
  }
}
