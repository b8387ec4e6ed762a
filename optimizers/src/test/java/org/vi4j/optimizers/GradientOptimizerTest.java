package org.vi4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.adagrad.Adagrad;
import org.vi4j.optimizers.adam.Adam;
import org.vi4j.optimizers.clippedadam.ClippedAdam;
import org.vi4j.optimizers.fixtures.FixtureGuide;
import org.vi4j.optimizers.fixtures.FixtureModel;
import org.vi4j.optimizers.fixtures.Fixtures;
import org.vi4j.optimizers.fixtures.ObjectiveEstimator;
import org.vi4j.optimizers.fixtures.ScriptedEstimator;
import org.vi4j.optimizers.rmsprop.RmsProp;
import org.vi4j.optimizers.schedule.ConstantRate;
import org.vi4j.optimizers.schedule.ExponentialDecay;
import org.vi4j.optimizers.schedule.RobbinsMonro;
import org.vi4j.optimizers.sgd.Sgd;

/** The shared step of {@link GradientOptimizer}: norm, non-finite steps, binding, state, memory. */
class GradientOptimizerTest extends Vi4jTestBase {

  /** One configuration of every rule with every slot in use, and each schedule. */
  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of((Supplier<GradientOptimizer>) () -> new Sgd(1e-3, 0.9, true,
            new RobbinsMonro(2.0, 0.6))),
        Arguments.of((Supplier<GradientOptimizer>) () -> new Adam(0.01, 0.8, 0.99, 1e-7,
            new ExponentialDecay(0.99))),
        Arguments.of((Supplier<GradientOptimizer>) () -> new Adagrad(0.1, 1e-9, 0.1,
            new ConstantRate())),
        Arguments.of((Supplier<GradientOptimizer>) () -> new RmsProp(1e-3, 0.95, 1e-8, 0.5, true,
            new ConstantRate())),
        Arguments.of((Supplier<GradientOptimizer>) () -> new ClippedAdam(0.01, 0.9, 0.999, 1e-8,
            5.0, 0.999, new ConstantRate())));
  }

  // ------------------------------------------------------------------ norm and non-finite steps

  @Test
  void gradientNormIsEuclideanOverAllParametersOfModelAndGuide() {
    ParamStore theta = new ParamStore();
    theta.add("w", 1, 2, 0.0);
    Problem p = Problem.start(new FixtureModel(theta), FixtureGuide.scalars(0, 0),
        new ScriptedEstimator(new double[] {1, 2, 3, 4}), Fixtures.batch());
    StepReport r = new Sgd(0.5).step(p, Rng.seeded(1));
    assertEquals(Math.sqrt(30), r.gradientNorm(), 1e-15);
    assertArrayEquals(new double[] {0.5, 1.0}, theta.get("w").value().data, 0);
  }

  @Test
  void hugeFiniteGradientsDoNotOverflowTheNorm() {
    Problem p = Fixtures.problem(FixtureGuide.scalars(0, 0),
        new ScriptedEstimator(new double[] {3e200, 4e200}));
    StepReport r = new Sgd(1e-300).step(p, Rng.seeded(1));
    assertEquals(5e200, r.gradientNorm(), 1e186);
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void nonFiniteGradientChangesNothingAndIsReported(Supplier<GradientOptimizer> make)
      throws IOException {
    FixtureGuide guide = FixtureGuide.scalars(1, -1);
    Problem p = Fixtures.problem(guide, new ScriptedEstimator(new double[] {0.5, -2},
        new double[] {1, Double.NaN}, new double[] {Double.NEGATIVE_INFINITY, 1},
        new double[] {0.25, 0.5}));
    GradientOptimizer opt = make.get();
    Rng rng = Rng.seeded(1);
    opt.step(p, rng);
    double[] before = guide.values();
    byte[] stateBefore = state(opt);

    StepReport nan = opt.step(p.next(p.batch()), rng);
    assertTrue(Double.isNaN(nan.gradientNorm()), "NaN element -> NaN norm");
    StepReport inf = opt.step(p.next(p.batch()), rng);
    assertEquals(Double.POSITIVE_INFINITY, inf.gradientNorm(), "infinite element -> +inf norm");
    assertArrayEquals(before, guide.values(), 0, "parameters untouched");
    assertArrayEquals(stateBefore, state(opt), "moments and update count untouched");
    assertEquals(1, opt.updates());

    StepReport ok = opt.step(p.next(p.batch()), rng);
    assertTrue(Double.isFinite(ok.gradientNorm()));
    assertEquals(2, opt.updates());
    assertFalse(Arrays.equals(before, guide.values()));
  }

  // ------------------------------------------------------------------ binding

  @Test
  void stateIsBoundToTheFirstProblemsParametersUntilReset() {
    Adam adam = new Adam(0.1);
    Problem first = Fixtures.problem(FixtureGuide.scalars(0, 0),
        new ScriptedEstimator(new double[] {1, 1}));
    Problem other = Fixtures.problem(FixtureGuide.scalars(0, 0),
        new ScriptedEstimator(new double[] {1, 1}));
    Rng rng = Rng.seeded(1);
    adam.step(first, rng);
    adam.step(first.next(first.batch()), rng);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> adam.step(other, rng));
    assertTrue(e.getMessage().contains("optimizer 'adam' is bound to the parameters of its first "
        + "problem [a 1x1, b 1x1]"), e.getMessage());
    assertTrue(e.getMessage().contains("reset()"), e.getMessage());
    assertEquals(2, adam.updates());
    adam.reset();
    assertFalse(adam.hasState());
    adam.step(other, rng);
    assertEquals(1, adam.updates());
  }

  @Test
  void checkRefusesAProblemWithNothingToUpdate() {
    assertEquals(List.of("optimizer 'adam' has nothing to update: model 'FixtureModel' and guide "
        + "'FixtureGuide' have no parameters"),
        new Adam(0.1).check(new FixtureModel(), FixtureGuide.scalars()));
    assertEquals(List.of(), new Adam(0.1).check(new FixtureModel(), FixtureGuide.scalars(1)));
  }

  @Test
  void copyHasTheConfigurationAndNoState() {
    Adam adam = new Adam(0.1, 0.8, 0.99, 1e-6, new RobbinsMonro(1, 0.6));
    adam.step(Fixtures.problem(FixtureGuide.scalars(0), new ScriptedEstimator(new double[] {1})),
        Rng.seeded(1));
    Adam copy = adam.copy();
    assertFalse(copy.hasState());
    assertEquals(0, copy.updates());
    assertEquals(adam.settings(), copy.settings());
    assertTrue(adam.hasState());
  }

  @Test
  void scheduleMultipliesTheLearningRateByRhoOfTheUpdateIndex() {
    // SGD with ρ_t = (t + 2)^-0.6: x_k = x_{k-1} + 0.5 · (k − 1 + 2)^-0.6 · g
    FixtureGuide guide = FixtureGuide.scalars(0);
    Problem p = Fixtures.problem(guide, new ScriptedEstimator(new double[] {1}));
    Sgd sgd = new Sgd(0.5, 0, false, new RobbinsMonro(2, 0.6));
    double x = 0;
    for (int t = 0; t < 4; t++) {
      sgd.step(p, Rng.seeded(1));
      x += 0.5 * Math.pow(t + 2, -0.6);
      assertEquals(x, guide.values()[0], 1e-15);
    }
  }

  // ------------------------------------------------------------------ Stateful

  @ParameterizedTest
  @MethodSource("optimizers")
  void stateReadIntoACopyContinuesBitForBit(Supplier<GradientOptimizer> make) throws IOException {
    GradientOptimizer opt = make.get();
    FixtureGuide guide = FixtureGuide.vector(-1.2, 1);
    Problem p = Fixtures.problem(guide, ObjectiveEstimator.negRosenbrock());
    Rng rng = Rng.seeded(1);
    for (int i = 0; i < 7; i++) {
      opt.step(p, rng);
    }
    byte[] saved = state(opt);
    double[] savedValues = guide.values();
    for (int i = 0; i < 5; i++) {
      opt.step(p, rng);
    }

    GradientOptimizer resumed = make.get().copy();
    read(resumed, saved);
    assertEquals(7, resumed.updates());
    FixtureGuide guide2 = FixtureGuide.vector(savedValues);
    Problem p2 = Fixtures.problem(guide2, ObjectiveEstimator.negRosenbrock());
    for (int i = 0; i < 5; i++) {
      resumed.step(p2, rng);
    }
    assertArrayEquals(bits(guide.values()), bits(guide2.values()));
    assertArrayEquals(state(opt), state(resumed));
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void stateReadIntoTheBoundOptimizerRollsBack(Supplier<GradientOptimizer> make) throws IOException {
    GradientOptimizer opt = make.get();
    FixtureGuide guide = FixtureGuide.vector(-1.2, 1);
    Problem p = Fixtures.problem(guide, ObjectiveEstimator.negRosenbrock());
    Rng rng = Rng.seeded(1);
    opt.step(p, rng);
    byte[] saved = state(opt);
    double[] values = guide.values();
    opt.step(p, rng);
    double[] afterOne = guide.values();
    // roll back as the inference loop does: parameters and optimizer state
    guide.parameters().copyValuesFrom(values);
    read(opt, saved);
    opt.step(p, rng);
    assertArrayEquals(bits(afterOne), bits(guide.values()));
  }

  @Test
  void noStateRoundTrips() throws IOException {
    Adam fresh = new Adam(0.1);
    byte[] none = state(fresh);
    Adam used = new Adam(0.1);
    used.step(Fixtures.problem(FixtureGuide.scalars(0), new ScriptedEstimator(new double[] {1})),
        Rng.seeded(1));
    read(used, none);
    assertFalse(used.hasState());
    assertEquals(0, used.updates());
    assertArrayEquals(none, state(used));
  }

  @Test
  void refusesStateOfAnotherConfigurationNamingWhatDiffers() throws IOException {
    Adam a = new Adam(0.1);
    a.step(Fixtures.problem(FixtureGuide.scalars(0), new ScriptedEstimator(new double[] {1})),
        Rng.seeded(1));
    Adam b = new Adam(0.2, 0.9, 0.99, 1e-8, new ExponentialDecay(0.5));
    byte[] bBefore = state(b);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(b, state(a)));
    assertTrue(e.getMessage().contains("lr: 0.1 in the state, 0.2 here"), e.getMessage());
    assertTrue(e.getMessage().contains("beta2: 0.999 in the state, 0.99 here"), e.getMessage());
    assertTrue(e.getMessage().contains("schedule: constant in the state, exponential here"),
        e.getMessage());
    assertArrayEquals(bBefore, state(b));

    e = assertThrows(IllegalArgumentException.class, () -> read(new Sgd(0.1), state(a)));
    assertTrue(e.getMessage().contains("written by optimizer 'adam', not 'sgd'"), e.getMessage());
  }

  @Test
  void refusesStateOfOtherParametersAndChangesNothing() throws IOException {
    Adam small = new Adam(0.1);
    small.step(Fixtures.problem(FixtureGuide.scalars(0), new ScriptedEstimator(new double[] {1})),
        Rng.seeded(1));
    Adam big = new Adam(0.1);
    big.step(Fixtures.problem(FixtureGuide.vector(0, 0), new ScriptedEstimator(new double[] {1, 2})),
        Rng.seeded(1));
    byte[] bigBefore = state(big);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(big, state(small)));
    assertTrue(e.getMessage().contains("parameter 0 is 'a' 1x1 in the state but 'x' 1x2 here"),
        e.getMessage());
    assertArrayEquals(bigBefore, state(big));

    // an unbound copy accepts it, and the next step checks the problem's parameters
    Adam copy = big.copy();
    read(copy, state(small));
    Problem wrong = Fixtures.problem(FixtureGuide.vector(0, 0),
        new ScriptedEstimator(new double[] {1, 2}));
    IllegalStateException ise = assertThrows(IllegalStateException.class,
        () -> copy.step(wrong, Rng.seeded(1)));
    assertTrue(ise.getMessage().contains("the state read earlier is for [a 1x1]"), ise.getMessage());
  }

  @Test
  void refusesTruncatedOrForeignBytes() throws IOException {
    Adam a = new Adam(0.1);
    a.step(Fixtures.problem(FixtureGuide.scalars(0), new ScriptedEstimator(new double[] {1})),
        Rng.seeded(1));
    byte[] s = state(a);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read(new Adam(0.1), Arrays.copyOf(s, s.length - 3)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> read(new Adam(0.1), new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    assertTrue(e.getMessage().contains("not a vi4j optimizer state"), e.getMessage());
  }

  // ------------------------------------------------------------------ memory

  /**
   * A step of Adam over 20,000 elements allocates, in the steady state, only the SPI's small
   * objects (the parameter list and the report), independent of the parameters' size.
   */
  @Test
  void steadyStateStepDoesNotAllocatePerElement() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double[] x0 = new double[20_000];
    double[] g = new double[x0.length];
    Arrays.fill(g, 0.5);
    Problem p = Fixtures.problem(FixtureGuide.vector(x0), new ScriptedEstimator(g));
    Adam adam = new Adam(1e-3);
    Rng rng = Rng.seeded(1);
    long tid = Thread.currentThread().getId();
    long before = 0;
    for (int i = 0; i < 2000; i++) {
      if (i == 1000) {
        before = threads.getThreadAllocatedBytes(tid);
      }
      adam.step(p, rng);
    }
    long perStep = (threads.getThreadAllocatedBytes(tid) - before) / 1000;
    assertTrue(perStep < 256, "steady-state allocation " + perStep + " bytes per step");
  }

  // ------------------------------------------------------------------ helpers

  static byte[] state(GradientOptimizer opt) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      opt.writeState(out);
    }
    return bytes.toByteArray();
  }

  static void read(GradientOptimizer opt, byte[] state) throws IOException {
    opt.readState(new DataInputStream(new ByteArrayInputStream(state)));
  }

  private static long[] bits(double[] v) {
    return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
  }
}
