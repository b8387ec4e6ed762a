package org.vi4j.core.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The reference {@link Gemm}: EJML's {@code CommonOps_DDRM.mult*} kernels. Slower than
 * a BLAS-backed implementation on large products, but simple and trusted; the tests compare other
 * implementations against it.
 */
public final class EjmlGemm implements Gemm {

  public static final String NAME = "ejml";

  @Override
  public void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
      double beta, DMatrixRMaj c) {
    Gemm.checkShapes("gemm", transA, transB, a, b, c);
    if (beta == 0.0) {
      if (!transA && !transB) {
        CommonOps_DDRM.mult(alpha, a, b, c);
      } else if (transA && !transB) {
        CommonOps_DDRM.multTransA(alpha, a, b, c);
      } else if (!transA) {
        CommonOps_DDRM.multTransB(alpha, a, b, c);
      } else {
        CommonOps_DDRM.multTransAB(alpha, a, b, c);
      }
      return;
    }
    if (beta != 1.0) {
      CommonOps_DDRM.scale(beta, c);
    }
    if (!transA && !transB) {
      CommonOps_DDRM.multAdd(alpha, a, b, c);
    } else if (transA && !transB) {
      CommonOps_DDRM.multAddTransA(alpha, a, b, c);
    } else if (!transA) {
      CommonOps_DDRM.multAddTransB(alpha, a, b, c);
    } else {
      CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
    }
  }

  @Override
  public String name() {
    return NAME;
  }
}
