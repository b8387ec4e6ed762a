package org.vi4j.core.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.vi4j.core.autodiff.Tensor;

/** Numeric references shared by the transform tests. */
final class TransformTestSupport {

  /** Relative step of the central differences behind the numeric Jacobians. */
  static final double STEP = 1e-6;

  private TransformTestSupport() {}

  /** forward(inverse(z)) == z element by element, within {@code tol}. */
  static void assertRoundTrip(Transform t, Tensor z, double tol) {
    Tensor back = t.forward(t.inverse(z));
    assertEquals(z.rows(), back.rows(), "rows");
    assertEquals(z.cols(), back.cols(), "cols");
    for (int k = 0; k < z.size(); k++) {
      assertEquals(z.value().data[k], back.value().data[k], tol * Math.max(1, Math.abs(z.value().data[k])),
          "element " + k);
    }
  }

  /**
   * log|det| of the central-difference Jacobian of the first {@code m} outputs of {@code t.forward}
   * with respect to the n inputs of row {@code row} of u (m = n).
   */
  static double numericLogAbsDet(Transform t, DMatrixRMaj u, int row) {
    int n = u.numCols;
    DMatrixRMaj jac = new DMatrixRMaj(n, n);
    for (int j = 0; j < n; j++) {
      double x = u.get(row, j);
      double h = STEP * Math.max(1, Math.abs(x));
      DMatrixRMaj up = u.copy();
      DMatrixRMaj down = u.copy();
      up.set(row, j, x + h);
      down.set(row, j, x - h);
      Tensor fu = t.forward(Tensor.constant(up));
      Tensor fd = t.forward(Tensor.constant(down));
      for (int i = 0; i < n; i++) {
        jac.set(i, j, (fu.get(row, i) - fd.get(row, i)) / (2 * h));
      }
    }
    return Math.log(Math.abs(CommonOps_DDRM.det(jac)));
  }

  /** log|f'(u_k)| of an element-wise transform at element k, by central differences. */
  static double numericLogAbsDerivative(Transform t, DMatrixRMaj u, int k) {
    double x = u.data[k];
    double h = STEP * Math.max(1, Math.abs(x));
    DMatrixRMaj up = u.copy();
    DMatrixRMaj down = u.copy();
    up.data[k] = x + h;
    down.data[k] = x - h;
    double d = (t.forward(Tensor.constant(up)).value().data[k]
        - t.forward(Tensor.constant(down)).value().data[k]) / (2 * h);
    return Math.log(Math.abs(d));
  }
}
