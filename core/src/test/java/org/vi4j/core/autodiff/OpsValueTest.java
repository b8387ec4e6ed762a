package org.vi4j.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vi4j.core.testing.GradientCheck.row;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * Values of the ops, and the rule for invalid input: an element-wise op gives exactly what its
 * {@code double} counterpart gives (NaN, ±∞ included) and never throws; what {@code double} code
 * cannot express (shapes, indices) throws naming the op and the shapes.
 */
class OpsValueTest extends Vi4jTestBase {

  private static final double[] SPECIAL = {Double.NaN, Double.NEGATIVE_INFINITY, -1e300, -2.5, -1,
      -0.0, 0.0, 1e-300, 0.5, 1, 3, 700, 1e300, Double.POSITIVE_INFINITY};

  static Stream<Arguments> unaryOps() {
    return Stream.of(
        Arguments.of("exp", (Function<Tensor, Tensor>) Ops::exp, (DoubleUnaryOperator) Math::exp),
        Arguments.of("log", (Function<Tensor, Tensor>) Ops::log, (DoubleUnaryOperator) Math::log),
        Arguments.of("log1p", (Function<Tensor, Tensor>) Ops::log1p, (DoubleUnaryOperator) Math::log1p),
        Arguments.of("expm1", (Function<Tensor, Tensor>) Ops::expm1, (DoubleUnaryOperator) Math::expm1),
        Arguments.of("tanh", (Function<Tensor, Tensor>) Ops::tanh, (DoubleUnaryOperator) Math::tanh),
        Arguments.of("sqrt", (Function<Tensor, Tensor>) Ops::sqrt, (DoubleUnaryOperator) Math::sqrt),
        Arguments.of("abs", (Function<Tensor, Tensor>) Ops::abs, (DoubleUnaryOperator) Math::abs),
        Arguments.of("square", (Function<Tensor, Tensor>) Ops::square,
            (DoubleUnaryOperator) v -> v * v),
        Arguments.of("pow 0.5", (Function<Tensor, Tensor>) t -> Ops.pow(t, 0.5),
            (DoubleUnaryOperator) v -> Math.pow(v, 0.5)),
        Arguments.of("softplus", (Function<Tensor, Tensor>) Ops::softplus,
            (DoubleUnaryOperator) SpecialFunctions::log1pexp),
        Arguments.of("lgamma", (Function<Tensor, Tensor>) Ops::lgamma,
            (DoubleUnaryOperator) SpecialFunctions::lgamma),
        Arguments.of("digamma", (Function<Tensor, Tensor>) Ops::digamma,
            (DoubleUnaryOperator) SpecialFunctions::digamma),
        Arguments.of("relu", (Function<Tensor, Tensor>) Ops::relu,
            (DoubleUnaryOperator) v -> Double.isNaN(v) ? v : Math.max(v, 0.0)),
        Arguments.of("sigmoid", (Function<Tensor, Tensor>) Ops::sigmoid,
            (DoubleUnaryOperator) v -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unaryOps")
  void elementWiseOpsMatchTheirDoubleCounterpartsAndNeverThrow(String name, Function<Tensor, Tensor> op,
      DoubleUnaryOperator f) {
    Tensor out = op.apply(Tensor.row(SPECIAL));
    for (int k = 0; k < SPECIAL.length; k++) {
      double expected = f.applyAsDouble(SPECIAL[k]);
      double actual = out.get(0, k);
      assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
          name + "(" + SPECIAL[k] + "): expected " + expected + " but was " + actual);
    }
  }

  @Test
  void softplusAndSigmoidAreStableInTheTails() {
    assertEquals(800.0, Ops.softplus(Tensor.row(800)).item(), 0);
    assertEquals(Math.exp(-800), Ops.softplus(Tensor.row(-800)).item(), 0);
    assertEquals(1.0, Ops.sigmoid(Tensor.row(800)).item(), 0);
    assertEquals(Math.exp(-800), Ops.sigmoid(Tensor.row(-800)).item(), 1e-320);
  }

  @Test
  void logSumExpSoftmaxAndLogSoftmaxAreStable() {
    Tensor x = Tensor.of(new double[][] {{1000, 1000}, {-1000, -1000},
        {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}});
    assertArrayEquals(new double[] {1000 + Math.log(2), -1000 + Math.log(2),
        Double.NEGATIVE_INFINITY}, Ops.logSumExp(x).toArray(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5},
        Ops.softmax(Tensor.of(new double[][] {{1000, 1000}, {-1000, -1000}})).toArray(), 1e-15);
    assertArrayEquals(new double[] {-Math.log(2), -Math.log(2)},
        Ops.logSoftmax(Tensor.of(new double[][] {{-1000, -1000}})).toArray(), 1e-15);
  }

  @Test
  void broadcastingValues() {
    Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, m.add(Tensor.row(10, 20, 30)).toArray(), 0);
    assertArrayEquals(new double[] {10, 20, 30, 400, 500, 600},
        m.mul(Tensor.column(10, 100)).toArray(), 0);
    assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, m.div(Tensor.scalar(2)).toArray(), 0);
    assertArrayEquals(new double[] {9, 8, 7, 6, 5, 4}, Tensor.scalar(10).sub(m).toArray(), 0);
  }

  @Test
  void matmulAgreesWithEjmlInAllTransposeForms() {
    DMatrixRMaj a = GradientCheck.uniform(rand, 4, 3, -1, 1);
    DMatrixRMaj b = GradientCheck.uniform(rand, 3, 5, -1, 1);
    DMatrixRMaj c = new DMatrixRMaj(4, 5);
    CommonOps_DDRM.mult(a, b, c);
    DMatrixRMaj at = CommonOps_DDRM.transpose(a, null);
    DMatrixRMaj bt = CommonOps_DDRM.transpose(b, null);
    assertArrayEquals(c.data, Tensor.constant(a).matmul(Tensor.constant(b)).toArray(), 1e-14);
    assertArrayEquals(c.data, Tensor.constant(at).matmulTransA(Tensor.constant(b)).toArray(), 1e-14);
    assertArrayEquals(c.data, Tensor.constant(a).matmulTransB(Tensor.constant(bt)).toArray(), 1e-14);
  }

  @Test
  void reductionsAndShapeOps() {
    Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(21, m.sum().item(), 0);
    assertEquals(3.5, m.mean().item(), 0);
    assertArrayEquals(new double[] {6, 15}, m.sumRows().toArray(), 0);
    assertArrayEquals(new double[] {5, 7, 9}, m.sumCols().toArray(), 0);
    assertArrayEquals(new double[] {5, 6}, m.slice(1, 2, 1, 3).toArray(), 0);
    assertArrayEquals(new double[] {3, 4}, m.gather(new int[] {2, 0}).toArray(), 0);
    assertArrayEquals(new double[] {1, 2, 3, 1, 4, 5, 6, 4},
        Ops.concatColumns(m, m.slice(0, 2, 0, 1)).toArray(), 0);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 1, 2, 3},
        Ops.concatRows(m, m.slice(0, 1, 0, 3)).toArray(), 0);
    assertArrayEquals(new double[] {0, 1, 2, 0.5}, Tensor.row(-3, 1, 2, 0.5).clamp(0, 2).toArray(), 0);
  }

  @Test
  void shapeMismatchesNameTheOpAndBothShapes() {
    Tensor a = Tensor.zeros(2, 3);
    Tensor b = Tensor.zeros(3, 2);
    assertMessage(() -> a.add(b), "add", "2x3", "3x2");
    assertMessage(() -> a.mul(Tensor.zeros(1, 2)), "mul", "2x3", "1x2");
    assertMessage(() -> a.div(Tensor.zeros(3, 1)), "div", "2x3", "3x1");
    assertMessage(() -> a.sub(Tensor.zeros(4, 3)), "sub", "2x3", "4x3");
    assertMessage(() -> a.matmul(a), "matmul", "2x3", "2x3");
    assertMessage(() -> a.matmulTransA(b), "matmulTransA", "2x3", "3x2");
    assertMessage(() -> a.matmulTransB(b), "matmulTransB", "2x3", "3x2");
    assertMessage(() -> Ops.concatColumns(a, b), "concatColumns", "2x3", "3x2");
    assertMessage(() -> Ops.concatRows(a, b), "concatRows", "2x3", "3x2");
    assertMessage(() -> a.slice(0, 3, 0, 1), "slice", "2x3");
    assertMessage(() -> a.slice(1, 1, 0, 1), "slice", "2x3");
    assertMessage(() -> a.gather(new int[] {0}), "gather", "2x3");
    assertMessage(() -> a.gather(new int[] {0, 3}), "gather", "row 1");
    assertMessage(() -> a.clamp(1, 0), "clamp");
  }

  private static void assertMessage(Runnable r, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
    }
  }
}
