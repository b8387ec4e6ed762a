package org.vi4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.adagrad.Adagrad;
import org.vi4j.optimizers.adam.Adam;
import org.vi4j.optimizers.clippedadam.ClippedAdam;
import org.vi4j.optimizers.fixtures.FixtureGuide;
import org.vi4j.optimizers.fixtures.Fixtures;
import org.vi4j.optimizers.fixtures.ObjectiveEstimator;
import org.vi4j.optimizers.rmsprop.RmsProp;
import org.vi4j.optimizers.schedule.ConstantRate;
import org.vi4j.optimizers.schedule.ExponentialDecay;
import org.vi4j.optimizers.sgd.Sgd;

/**
 * Every gradient optimizer maximises two deterministic objectives from a fixed start: the
 * ill-conditioned concave quadratic F(x) = −½ (1·(x₁ − 3)² + 10·(x₂ + 2)²) from (0, 0), and the
 * negated Rosenbrock function F(x, y) = −[(1 − x)² + 100 (y − x²)²] from (−1.2, 1) (its classic
 * start). Each case states its configuration, step budget and tolerance on max |x − x*|.
 */
class ConvergenceTest extends Vi4jTestBase {

  static Stream<Arguments> quadratic() {
    return Stream.of(
        Arguments.of("sgd lr .05", (Supplier<Optimizer>) () -> new Sgd(0.05), 500, 1e-8),
        Arguments.of("sgd nesterov", (Supplier<Optimizer>) () -> new Sgd(0.02, 0.9, true,
            new ConstantRate()), 500, 1e-8),
        Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.1, 0.9, 0.999, 1e-8,
            new ExponentialDecay(0.997)), 3000, 1e-8),
        Arguments.of("adagrad", (Supplier<Optimizer>) () -> new Adagrad(1.0), 2000, 1e-8),
        Arguments.of("rmsprop", (Supplier<Optimizer>) () -> new RmsProp(0.05, 0.99, 1e-8, 0.0,
            false, new ExponentialDecay(0.998)), 3000, 1e-8),
        Arguments.of("clipped-adam", (Supplier<Optimizer>) () -> new ClippedAdam(0.1, 0.9, 0.999,
            1e-8, 1.0, 0.995, new ConstantRate()), 2000, 1e-8));
  }

  static Stream<Arguments> rosenbrock() {
    return Stream.of(
        Arguments.of("sgd nesterov", (Supplier<Optimizer>) () -> new Sgd(1e-4, 0.95, true,
            new ConstantRate()), 20000, 1e-5),
        Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.02, 0.9, 0.999, 1e-8,
            new ExponentialDecay(0.9998)), 20000, 1e-5),
        Arguments.of("adagrad", (Supplier<Optimizer>) () -> new Adagrad(0.5), 20000, 1e-5),
        Arguments.of("rmsprop", (Supplier<Optimizer>) () -> new RmsProp(1e-3, 0.99, 1e-8, 0.9,
            false, new ExponentialDecay(0.9995)), 20000, 1e-5),
        Arguments.of("clipped-adam", (Supplier<Optimizer>) () -> new ClippedAdam(0.02, 0.9, 0.999,
            1e-8, 10.0, 0.9997, new ConstantRate()), 20000, 1e-5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quadratic")
  void maximisesConcaveQuadratic(String label, Supplier<Optimizer> make, int steps, double tol) {
    double[] x = run(make.get(), FixtureGuide.vector(0, 0),
        ObjectiveEstimator.negQuadratic(new double[] {1, 10}, new double[] {3, -2}), steps);
    double err = Math.max(Math.abs(x[0] - 3), Math.abs(x[1] + 2));
    assertTrue(err < tol, label + ": max |x - x*| = " + err + " after " + steps + " steps, tol " + tol);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rosenbrock")
  void maximisesNegatedRosenbrock(String label, Supplier<Optimizer> make, int steps, double tol) {
    double[] x = run(make.get(), FixtureGuide.vector(-1.2, 1), ObjectiveEstimator.negRosenbrock(),
        steps);
    double err = Math.max(Math.abs(x[0] - 1), Math.abs(x[1] - 1));
    assertTrue(err < tol, label + ": max |x - x*| = " + err + " at " + x[0] + ", " + x[1]
        + " after " + steps + " steps, tol " + tol);
  }

  private static double[] run(Optimizer opt, FixtureGuide guide, ObjectiveEstimator est, int steps) {
    Problem p = Fixtures.problem(guide, est);
    Rng rng = Rng.seeded(3);
    for (int i = 0; i < steps; i++) {
      opt.step(p, rng);
      p = p.next(p.batch());
    }
    return guide.values();
  }
}
