package org.vi4j.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vi4j.core.testing.GradientCheck.row;
import static org.vi4j.core.testing.GradientCheck.uniform;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vi4j.core.testing.GradientCheck;

/**
 * Every public op of {@link Ops} against central finite differences, at several points per op
 * (0, negatives and large magnitudes where the op is defined there), with broadcasting shapes for
 * the binary ops. {@link #everyOpHasAGradientCheck()} fails when an op is added without one.
 */
class OpsGradientTest {

  /** The bar from the foundation issue: relative error of the gradient below 1e-6. */
  private static final double TOL = 1e-6;

  private record Case(String op, String where, double h, Function<Tensor[], Tensor> f,
      DMatrixRMaj[] points) {
    @Override
    public String toString() {
      return op + " at " + where;
    }
  }

  private static final List<Case> CASES = new ArrayList<>();

  private static void add(String op, String where, Function<Tensor[], Tensor> f, DMatrixRMaj... pts) {
    CASES.add(new Case(op, where, GradientCheck.STEP, f, pts));
  }

  /**
   * A case with a finer relative step: translation-invariant ops (log-sum-exp, softmax) vary on a
   * unit scale even at |x| = 1000, and Φ⁻¹ curves sharply near 1 (f''/f' ≈ 900 at 0.999), where
   * the default step's O(h²) truncation error would exceed the tolerance.
   */
  private static void addFine(String op, String where, Function<Tensor[], Tensor> f,
      DMatrixRMaj... pts) {
    CASES.add(new Case(op, where, 1e-7, f, pts));
  }

  /** Ops whose gradient is checked by a dedicated test (finite differences cannot see it). */
  private static final Set<String> CHECKED_ELSEWHERE = Set.of("stopGradient(Tensor)",
      "sampleStandardGamma(Tensor,int,Rng)"); // GammaImplicitTest

  static {
    Random r = new Random(2024);
    // ---- binary, with every broadcasting pattern
    for (String op : List.of("add", "sub", "mul", "div")) {
      Function<Tensor[], Tensor> f = switch (op) {
        case "add" -> in -> Ops.add(in[0], in[1]);
        case "sub" -> in -> Ops.sub(in[0], in[1]);
        case "mul" -> in -> Ops.mul(in[0], in[1]);
        default -> in -> Ops.div(in[0], in[1]);
      };
      String key = op + "(Tensor,Tensor)";
      double lo = op.equals("div") ? 0.5 : -3;
      add(key, "same shape", f, uniform(r, 3, 4, -3, 3), uniform(r, 3, 4, lo, 3));
      add(key, "row vector", f, uniform(r, 3, 4, -3, 3), uniform(r, 1, 4, lo, 3));
      add(key, "row vector on the left", f, uniform(r, 1, 4, -3, 3), uniform(r, 3, 4, lo, 3));
      add(key, "column vector", f, uniform(r, 3, 4, -3, 3), uniform(r, 3, 1, lo, 3));
      add(key, "scalar", f, uniform(r, 3, 4, -3, 3), uniform(r, 1, 1, lo, 3));
      add(key, "outer broadcast", f, uniform(r, 3, 1, -3, 3), uniform(r, 1, 4, lo, 3));
      add(key, "large and zero", f, row(0, -1e3, 1e4), row(2.5, 7, -1e3));
    }
    add("add(Tensor,double)", "mixed", in -> Ops.add(in[0], 2.5), row(-1e6, 0, 3));
    add("mul(Tensor,double)", "mixed", in -> Ops.mul(in[0], -1.5), row(-1e6, 0, 3));
    add("neg(Tensor)", "mixed", in -> Ops.neg(in[0]), row(-7, 0, 3e5));
    // ---- products
    add("matmul(Tensor,Tensor)", "3x4 * 4x2", in -> Ops.matmul(in[0], in[1]),
        uniform(r, 3, 4, -2, 2), uniform(r, 4, 2, -2, 2));
    add("matmulTransA(Tensor,Tensor)", "(4x3)^T * 4x2", in -> Ops.matmulTransA(in[0], in[1]),
        uniform(r, 4, 3, -2, 2), uniform(r, 4, 2, -2, 2));
    add("matmulTransB(Tensor,Tensor)", "3x4 * (2x4)^T", in -> Ops.matmulTransB(in[0], in[1]),
        uniform(r, 3, 4, -2, 2), uniform(r, 2, 4, -2, 2));
    // ---- unary
    add("exp(Tensor)", "mixed", in -> Ops.exp(in[0]), row(-30, -1, 0, 2.5, 20));
    add("log(Tensor)", "positive", in -> Ops.log(in[0]), row(1e-3, 0.5, 1, 50, 1e6));
    add("log1p(Tensor)", "above -1", in -> Ops.log1p(in[0]), row(-0.9, -1e-8, 0, 1e-8, 3, 1e6));
    add("expm1(Tensor)", "mixed", in -> Ops.expm1(in[0]), row(-20, -1e-8, 0, 1e-8, 3, 15));
    add("softplus(Tensor)", "mixed", in -> Ops.softplus(in[0]), row(-800, -40, -1, 0, 1, 40, 800));
    add("sigmoid(Tensor)", "mixed", in -> Ops.sigmoid(in[0]), row(-800, -40, -1, 0, 1, 40, 800));
    add("tanh(Tensor)", "mixed", in -> Ops.tanh(in[0]), row(-30, -1, 0, 0.5, 30));
    add("relu(Tensor)", "away from the kink", in -> Ops.relu(in[0]), row(-1e5, -0.5, 0.5, 1e5));
    add("square(Tensor)", "mixed", in -> Ops.square(in[0]), row(-1e4, -2, 0, 3));
    add("sqrt(Tensor)", "positive", in -> Ops.sqrt(in[0]), row(1e-4, 0.5, 2, 1e8));
    add("abs(Tensor)", "away from the kink", in -> Ops.abs(in[0]), row(-1e5, -0.5, 0.5, 1e5));
    add("pow(Tensor,double)", "p = 2.5", in -> Ops.pow(in[0], 2.5), row(1e-3, 0.7, 3, 50));
    add("pow(Tensor,double)", "p = -1.5", in -> Ops.pow(in[0], -1.5), row(0.2, 1, 4));
    add("pow(Tensor,double)", "p = 3 on negatives", in -> Ops.pow(in[0], 3), row(-2, 0, 1.5));
    add("lgamma(Tensor)", "positive", in -> Ops.lgamma(in[0]), row(1e-3, 0.5, 1, 1.4616, 2, 10, 1e5));
    add("lgamma(Tensor)", "negative non-integers", in -> Ops.lgamma(in[0]), row(-0.5, -2.3));
    add("digamma(Tensor)", "positive", in -> Ops.digamma(in[0]), row(0.05, 0.5, 1, 1.4616, 7, 1e4));
    add("digamma(Tensor)", "negative non-integers", in -> Ops.digamma(in[0]), row(-0.5, -2.3));
    add("clamp(Tensor,double,double)", "inside and outside", in -> Ops.clamp(in[0], -1, 2),
        row(-5, -0.5, 0, 1.5, 8));
    // ---- reductions
    add("sum(Tensor)", "3x4", in -> Ops.sum(in[0]), uniform(r, 3, 4, -5, 5));
    add("mean(Tensor)", "3x4", in -> Ops.mean(in[0]), uniform(r, 3, 4, -5, 5));
    add("sumRows(Tensor)", "3x4", in -> Ops.sumRows(in[0]), uniform(r, 3, 4, -5, 5));
    add("sumCols(Tensor)", "3x4", in -> Ops.sumCols(in[0]), uniform(r, 3, 4, -5, 5));
    add("logSumExp(Tensor)", "3x4", in -> Ops.logSumExp(in[0]), uniform(r, 3, 4, -5, 5));
    addFine("logSumExp(Tensor)", "large magnitudes", in -> Ops.logSumExp(in[0]),
        new DMatrixRMaj(new double[][] {{1000, 999, 0}, {-1000, -1001, -2000}}));
    add("softmax(Tensor)", "3x4", in -> Ops.softmax(in[0]), uniform(r, 3, 4, -5, 5));
    addFine("softmax(Tensor)", "large magnitudes", in -> Ops.softmax(in[0]),
        new DMatrixRMaj(new double[][] {{1000, 999, 0}, {-1000, -1001, -999}}));
    add("logSoftmax(Tensor)", "3x4", in -> Ops.logSoftmax(in[0]), uniform(r, 3, 4, -5, 5));
    addFine("logSoftmax(Tensor)", "large magnitudes", in -> Ops.logSoftmax(in[0]),
        new DMatrixRMaj(new double[][] {{1000, 999, 0}, {-1000, -1001, -999}}));
    // ---- shape ops
    add("concatColumns(Tensor,Tensor)", "3x2 | 3x4", in -> Ops.concatColumns(in[0], in[1]),
        uniform(r, 3, 2, -2, 2), uniform(r, 3, 4, -2, 2));
    add("concatRows(Tensor,Tensor)", "2x3 / 4x3", in -> Ops.concatRows(in[0], in[1]),
        uniform(r, 2, 3, -2, 2), uniform(r, 4, 3, -2, 2));
    add("slice(Tensor,int,int,int,int)", "inner block", in -> Ops.slice(in[0], 1, 3, 1, 4),
        uniform(r, 4, 5, -2, 2));
    add("gather(Tensor,int[])", "one per row", in -> Ops.gather(in[0], new int[] {2, 0, 3}),
        uniform(r, 3, 4, -2, 2));
    add("normalCdf(Tensor)", "both tails", in -> Ops.normalCdf(in[0]), row(-40, -5, 0, 2, 8));
    add("logNormalCdf(Tensor)", "both tails", in -> Ops.logNormalCdf(in[0]),
        row(-40, -5, -0.5, 0, 3, 10));
    addFine("inverseNormalCdf(Tensor)", "inside (0, 1)", in -> Ops.inverseNormalCdf(in[0]),
        row(1e-10, 0.025, 0.5, 0.9, 0.999));
    add("repeatRows(Tensor,int)", "2x3 three times", in -> Ops.repeatRows(in[0], 3),
        uniform(r, 2, 3, -2, 2));
    add("reshape(Tensor,int,int)", "6x1 to 2x3", in -> Ops.reshape(in[0], 2, 3),
        uniform(r, 6, 1, -2, 2));
    add("transpose(Tensor)", "2x3", in -> Ops.transpose(in[0]), uniform(r, 2, 3, -2, 2));
    // ---- a composite: the gradient must also be right when ops feed each other
    add("composite", "mlp-like", in -> in[0].matmul(in[1]).add(in[2]).tanh().logSoftmax()
        .gather(new int[] {1, 0}).sum(), uniform(r, 2, 3, -1, 1), uniform(r, 3, 4, -1, 1),
        uniform(r, 1, 4, -1, 1));
  }

  static Stream<Arguments> cases() {
    return CASES.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferences(Case c) {
    double err = GradientCheck.maxError(c.f(), c.h(), c.points());
    assertTrue(err < TOL, c + ": max gradient error " + err);
  }

  /** stopGradient passes the value and blocks the gradient: d/dx [stop(x) + x²] = 2x exactly. */
  @Test
  void stopGradientBlocksTheGradient() {
    try (Tape tape = Tape.record()) {
      Tensor x = tape.watch(Tensor.variable(row(-2, 0, 3)));
      Tensor y = Ops.add(Ops.stopGradient(x), Ops.square(x));
      assertEquals(List.of(2.0, 0.0, 12.0), Arrays.stream(y.toArray()).boxed().toList());
      tape.backward(y.sum());
      assertEquals(List.of(-4.0, 0.0, 6.0), Arrays.stream(x.grad().data).boxed().toList());
      assertTrue(!Ops.stopGradient(x).requiresGrad());
    }
  }

  /** EJML's habit: an op added to {@link Ops} without a gradient check fails this test. */
  @Test
  void everyOpHasAGradientCheck() {
    Set<String> ops = new TreeSet<>();
    for (Method m : Ops.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
          && m.getReturnType() == Tensor.class) {
        ops.add(m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
            .collect(Collectors.joining(",", "(", ")")));
      }
    }
    Set<String> checked = CASES.stream().map(Case::op).collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(ops);
    missing.removeAll(checked);
    missing.removeAll(CHECKED_ELSEWHERE);
    assertEquals(Set.of(), missing, "ops without a gradient check");
    assertEquals(44, ops.size(), "number of public ops checked: update when adding one");
  }
}
