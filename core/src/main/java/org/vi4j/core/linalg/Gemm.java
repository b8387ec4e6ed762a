package org.vi4j.core.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * General matrix multiply on row-major dense matrices: {@code C = alpha * op(A) * op(B) + beta * C},
 * where {@code op(X)} is {@code X} or its transpose. Every product in vi4j (autodiff's matmul and its
 * backward pass, neural layers) goes through this one interface so that the implementation can be
 * swapped for a faster one without touching callers.
 *
 * <pre>{@code
 * Gemm gemm = Gemm.defaultGemm();
 * // C = A * B^T, overwriting C (beta = 0)
 * gemm.gemm(false, true, 1.0, a, b, 0.0, c);
 * }</pre>
 *
 * <p><strong>Contract.</strong> {@code c} must already have the shape of {@code op(A) * op(B)}; it is
 * never reshaped. When {@code beta == 0} the previous contents of {@code c} are ignored (NaN included).
 * {@code c} must not be the same instance as {@code a} or {@code b}. Shapes are checked and a mismatch
 * throws {@link IllegalArgumentException} naming both shapes.
 */
public interface Gemm {

  /**
   * @param transA use A<sup>T</sup> in place of A. Not modified.
   * @param transB use B<sup>T</sup> in place of B. Not modified.
   * @param alpha scale of the product
   * @param a left operand. Not modified.
   * @param b right operand. Not modified.
   * @param beta scale of the previous contents of {@code c}
   * @param c the output, already of the product's shape. Modified.
   */
  void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta,
      DMatrixRMaj c);

  /** A short name for logs and benchmarks, e.g. {@code "netlib-java"}. */
  String name();

  /** The implementation vi4j uses unless told otherwise: the fastest one available here. */
  static Gemm defaultGemm() {
    return Gemms.defaultGemm();
  }

  /**
   * Checks the shapes of a product and throws a message naming the operation and all shapes.
   *
   * @return nothing; throws {@link IllegalArgumentException} on a mismatch
   */
  static void checkShapes(String op, boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b,
      DMatrixRMaj c) {
    int m = transA ? a.numCols : a.numRows;
    int ka = transA ? a.numRows : a.numCols;
    int kb = transB ? b.numCols : b.numRows;
    int n = transB ? b.numRows : b.numCols;
    if (ka != kb) {
      throw new IllegalArgumentException(op + ": inner dimensions differ: op(a) is " + m + "x" + ka
          + " (a is " + a.numRows + "x" + a.numCols + (transA ? ", transposed" : "") + "), op(b) is "
          + kb + "x" + n + " (b is " + b.numRows + "x" + b.numCols + (transB ? ", transposed" : "") + ")");
    }
    if (c.numRows != m || c.numCols != n) {
      throw new IllegalArgumentException(op + ": output is " + c.numRows + "x" + c.numCols
          + " but op(a) * op(b) is " + m + "x" + n);
    }
    if (c == a || c == b) {
      throw new IllegalArgumentException(op + ": output must not be the same matrix as an input");
    }
  }
}
