package org.vi4j.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ludovic.netlib.blas.BLAS;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * Every {@link Gemm} against the {@link EjmlGemm} reference.
 *
 * <p><strong>Error bound.</strong> Element-wise and scaled by the magnitude of what is summed:
 * {@code |C - C_ref| <= 1e-12 * (|alpha| * (|op(A)| |op(B)|) + |beta| * |C0|)}, where {@code |X|} is the
 * element-wise absolute value and {@code C0} the previous C. The floating-point error of a dot product of
 * length k is at most about {@code k * 2^-53} times that scale, so 1e-12 holds for k up to a few thousand
 * while still catching any wrong index or transpose (those err by O(1) of the scale).
 */
class GemmTest extends Vi4jTestBase {

  private static final double TOL = 1e-12;

  /** {m, k, n}: op(A) is m x k, op(B) is k x n. The forced-split implementations split the last two. */
  private static final int[][] SHAPES = {
      {1, 1, 1}, {1, 7, 9}, {9, 7, 1}, {1, 1, 13}, {13, 1, 1}, {6, 1, 8}, {17, 33, 5}, {33, 17, 40},
      {64, 100, 64}, {257, 300, 129}};

  private static final double[][] ALPHA_BETA = {{1, 0}, {1, 1}, {-0.7, 0}, {2.5, 1}, {0.3, -1.7}, {0, 0.5}};

  /** Fewer (alpha, beta) pairs on the large shape, to keep the test fast. */
  private static final double[][] LARGE_ALPHA_BETA = {{-0.7, 0}, {0.3, -1.7}};

  static Stream<Gemm> implementations() {
    List<Gemm> gemms = new ArrayList<>();
    gemms.add(new EjmlGemm());
    gemms.add(Gemm.defaultGemm());
    gemms.add(NetlibGemm.singleThreaded());
    gemms.add(NetlibGemm.create());
    gemms.add(NetlibGemm.withThreads(3));
    // The Java (non-native) backend, splitting every product into row blocks on 1, 2 and 3 threads.
    gemms.add(new NetlibGemm(NetlibGemm.javaBackend(), 1, 1));
    gemms.add(new NetlibGemm(NetlibGemm.javaBackend(), 2, 1));
    gemms.add(new NetlibGemm(NetlibGemm.javaBackend(), 3, 1));
    gemms.add(new NetlibGemm(NetlibGemm.javaBackend(), 2, Long.MAX_VALUE));
    return gemms.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void matchesReference(Gemm gemm) {
    Random random = new Random(20240611L);
    Gemm reference = new EjmlGemm();
    for (int[] shape : SHAPES) {
      for (int t = 0; t < 4; t++) {
        boolean transA = (t & 1) != 0;
        boolean transB = (t & 2) != 0;
        int m = shape[0];
        int k = shape[1];
        int n = shape[2];
        DMatrixRMaj a = transA ? random(k, m, random) : random(m, k, random);
        DMatrixRMaj b = transB ? random(n, k, random) : random(k, n, random);
        boolean large = 2L * m * n * k >= 4_000_000L;
        for (double[] ab : large ? LARGE_ALPHA_BETA : ALPHA_BETA) {
          double alpha = ab[0];
          double beta = ab[1];
          DMatrixRMaj c0 = random(m, n, random);
          if (beta == 0) {
            CommonOps_DDRM.fill(c0, Double.NaN);
          }
          DMatrixRMaj expected = c0.copy();
          DMatrixRMaj actual = c0.copy();
          reference.gemm(transA, transB, alpha, a, b, beta, expected);
          gemm.gemm(transA, transB, alpha, a, b, beta, actual);
          assertClose(expected, actual, scale(transA, transB, alpha, a, b, beta, c0),
              gemm.name() + " " + m + "x" + k + "*" + k + "x" + n + " transA=" + transA + " transB="
                  + transB + " alpha=" + alpha + " beta=" + beta);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void emptyInnerDimensionScalesC(Gemm gemm) {
    DMatrixRMaj a = new DMatrixRMaj(3, 0);
    DMatrixRMaj b = new DMatrixRMaj(0, 4);
    DMatrixRMaj c = new DMatrixRMaj(3, 4);
    CommonOps_DDRM.fill(c, Double.NaN);
    gemm.gemm(false, false, 1.0, a, b, 0.0, c);
    assertArrayEquals(new double[12], c.data, gemm.name());
    CommonOps_DDRM.fill(c, 2.0);
    gemm.gemm(false, false, 1.0, a, b, 0.5, c);
    double[] ones = new double[12];
    Arrays.fill(ones, 1.0);
    assertArrayEquals(ones, c.data, gemm.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implementations")
  void shapeMismatchNamesBothShapes(Gemm gemm) {
    DMatrixRMaj a = new DMatrixRMaj(3, 4);
    DMatrixRMaj b = new DMatrixRMaj(5, 6);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gemm.gemm(false, false, 1.0, a, b, 0.0, new DMatrixRMaj(3, 6)));
    assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("5x6"), e.getMessage());
    IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
        () -> gemm.gemm(false, true, 1.0, a, new DMatrixRMaj(6, 4), 0.0, new DMatrixRMaj(6, 3)));
    assertTrue(out.getMessage().contains("6x3") && out.getMessage().contains("3x6"), out.getMessage());
  }

  /** The row blocks depend only on the shape, so every thread count gives the same bits. */
  @Test
  void deterministicAcrossThreadCounts() {
    Random random = new Random(7L);
    int[][] shapes = {{100, 784, 400}, {203, 150, 97}, {1000, 64, 50}, {250, 100, 100}, {61, 200, 170},
        {131, 257, 263}};
    for (int[] shape : shapes) {
      for (int t = 0; t < 4; t++) {
        boolean transA = (t & 1) != 0;
        boolean transB = (t & 2) != 0;
        DMatrixRMaj a = transA ? random(shape[1], shape[0], random) : random(shape[0], shape[1], random);
        DMatrixRMaj b = transB ? random(shape[2], shape[1], random) : random(shape[1], shape[2], random);
        DMatrixRMaj c0 = random(shape[0], shape[2], random);
        double[] first = null;
        for (int threads : new int[] {1, 2, 3, 4, 7, 16}) {
          for (long split : new long[] {1, NetlibGemm.DEFAULT_SPLIT_FLOPS}) {
            DMatrixRMaj c = c0.copy();
            new NetlibGemm(NetlibGemm.javaBackend(), threads, split).gemm(transA, transB, 0.9, a, b, 0.4, c);
            if (first == null) {
              first = c.data;
            } else if (!Arrays.equals(first, c.data)) {
              fail("threads=" + threads + " split=" + split + " differs for " + Arrays.toString(shape)
                  + " transA=" + transA + " transB=" + transB);
            }
          }
        }
      }
    }
  }

  @Test
  void blocksAreAlignedAndLargeEnough() {
    int[][] shapes = {{100, 784, 400}, {100, 20, 400}, {61, 200, 170}, {1000, 1000, 1000}, {250, 100, 100},
        {13, 1000, 1000}, {24, 1000, 1000}};
    for (int threads : new int[] {1, 2, 3, 4, 7, 16}) {
      NetlibGemm gemm = new NetlibGemm(NetlibGemm.javaBackend(), threads, 1);
      for (int[] s : shapes) {
        int m = s[0];
        int tasks = gemm.tasks(m, s[2], s[1]);
        String what = threads + " threads, " + Arrays.toString(s) + ", " + tasks + " tasks";
        assertTrue(tasks >= 1 && tasks <= threads, what);
        assertEquals(0, NetlibGemm.blockStart(0, tasks, m), what);
        assertEquals(m, NetlibGemm.blockStart(tasks, tasks, m), what);
        for (int i = 0; i < tasks; i++) {
          int r0 = NetlibGemm.blockStart(i, tasks, m);
          int rows = NetlibGemm.blockStart(i + 1, tasks, m) - r0;
          assertEquals(0, r0 % NetlibGemm.ROW_QUANTUM, what);
          assertTrue(tasks == 1 || (long) rows * s[1] * s[2] >= NetlibGemm.MIN_BLOCK_MADDS, what);
        }
      }
    }
    assertEquals(2, new NetlibGemm(NetlibGemm.javaBackend(), 2, 1).tasks(100, 400, 784));
    assertEquals(1, new NetlibGemm(NetlibGemm.javaBackend(), 2, Long.MAX_VALUE).tasks(100, 400, 784));
  }

  /** A product above {@link NetlibGemm#DEFAULT_SPLIT_FLOPS} is split by the default and still correct. */
  @Test
  void defaultSplitsLargeProducts() {
    int m = 520;
    int k = 400;
    int n = 500;
    assertTrue(2L * m * n * k >= NetlibGemm.DEFAULT_SPLIT_FLOPS);
    NetlibGemm gemm = NetlibGemm.withThreads(2);
    assertEquals(gemm.isNative() ? 1 : 2, gemm.tasks(m, n, k));
    Random random = new Random(11L);
    for (boolean transA : new boolean[] {false, true}) {
      DMatrixRMaj a = transA ? random(k, m, random) : random(m, k, random);
      DMatrixRMaj b = random(k, n, random);
      DMatrixRMaj c0 = new DMatrixRMaj(m, n);
      CommonOps_DDRM.fill(c0, Double.NaN);
      DMatrixRMaj expected = new DMatrixRMaj(m, n);
      DMatrixRMaj actual = c0.copy();
      new EjmlGemm().gemm(transA, false, 1.0, a, b, 0.0, expected);
      gemm.gemm(transA, false, 1.0, a, b, 0.0, actual);
      assertClose(expected, actual, scale(transA, false, 1.0, a, b, 0.0, c0), gemm.name() + " transA=" + transA);
    }
  }

  @Test
  void namesTheBackend() {
    NetlibGemm gemm = NetlibGemm.singleThreaded();
    assertEquals(NetlibGemm.NAME + ":" + BLAS.getInstance().getClass().getSimpleName(), gemm.name());
    assertFalse(new NetlibGemm(NetlibGemm.javaBackend(), 1, 1).isNative());
    assertThrows(IllegalArgumentException.class, () -> NetlibGemm.withThreads(0));
  }

  @Test
  void defaultIsNetlib() {
    assertTrue(Gemm.defaultGemm().name().startsWith(NetlibGemm.NAME + ":"), Gemm.defaultGemm().name());
  }

  /** netlib's backend announcement must not reach the console (Vi4jTestBase fails on any output). */
  @Test
  void netlibDoesNotLogToConsole() {
    assertTrue(NetlibGemm.singleThreaded().name().startsWith(NetlibGemm.NAME));
    assertFalse(Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder").isLoggable(Level.INFO));
  }

  private static DMatrixRMaj random(int rows, int cols, Random random) {
    DMatrixRMaj x = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < x.getNumElements(); i++) {
      x.data[i] = random.nextDouble() * 2 - 1;
    }
    return x;
  }

  /** {@code |alpha| * (|op(A)| |op(B)|) + |beta| * |C0|}, element-wise (beta = 0 ignores a NaN C0). */
  private static DMatrixRMaj scale(boolean transA, boolean transB, double alpha, DMatrixRMaj a,
      DMatrixRMaj b, double beta, DMatrixRMaj c0) {
    DMatrixRMaj absA = a.copy();
    DMatrixRMaj absB = b.copy();
    CommonOps_DDRM.abs(absA);
    CommonOps_DDRM.abs(absB);
    DMatrixRMaj s = new DMatrixRMaj(c0.numRows, c0.numCols);
    new EjmlGemm().gemm(transA, transB, Math.abs(alpha), absA, absB, 0.0, s);
    if (beta != 0) {
      for (int i = 0; i < s.data.length; i++) {
        s.data[i] += Math.abs(beta * c0.data[i]);
      }
    }
    return s;
  }

  private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, DMatrixRMaj scale, String what) {
    assertEquals(expected.numRows, actual.numRows, what);
    assertEquals(expected.numCols, actual.numCols, what);
    for (int i = 0; i < expected.getNumElements(); i++) {
      double e = expected.data[i];
      double x = actual.data[i];
      if (!(Math.abs(e - x) <= TOL * scale.data[i])) {
        fail(what + ": element " + i + " is " + x + ", reference " + e + " (scale " + scale.data[i] + ")");
      }
    }
  }
}
