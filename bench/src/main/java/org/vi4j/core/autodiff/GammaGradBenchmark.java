package org.vi4j.core.autodiff;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * ns per dx/da call of the implicit Gamma gradient on draws from Gamma(a): the exact series (the
 * previous implementation), and the per-shape fast path with its per-shape {@code reset} paid once
 * per 128 draws (as in the Ops backward: 128 particles per shape). Lives in the autodiff package
 * for access to the package-private {@link GammaImplicit}.
 *
 * <pre>
 *   mvn -B -q -pl core,bench -am install -DskipTests
 *   java -cp bench/target/classes:$(cat cp.txt) org.openjdk.jmh.Main GammaGradBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class GammaGradBenchmark {

  private static final int DRAWS = 8192;
  private static final int PARTICLES = 128;

  @Param({"0.3", "3", "30", "300", "3000", "30000"})
  public double a;

  private final double[] x = new double[DRAWS];
  private final GammaImplicit.ShapeGradient shapeGradient = new GammaImplicit.ShapeGradient();

  @Setup
  public void setUp() {
    Rng rng = Rng.seeded(42);
    for (int i = 0; i < DRAWS; i++) {
      x[i] = Samplers.gamma(rng, a, 1.0);
    }
  }

  /** The previous implementation: the series of P for every draw. */
  @Benchmark
  @OperationsPerInvocation(DRAWS)
  public double series() {
    double s = 0;
    for (int i = 0; i < DRAWS; i++) {
      s += GammaImplicit.lowerSeries(x[i], a);
    }
    return s;
  }

  /** The new path: one reset per 128 draws (forced), then the per-draw evaluation. */
  @Benchmark
  @OperationsPerInvocation(DRAWS)
  public double fast() {
    double s = 0;
    for (int i = 0; i < DRAWS; i += PARTICLES) {
      shapeGradient.reset(Double.NaN);
      shapeGradient.reset(a);
      for (int j = i; j < i + PARTICLES; j++) {
        s += shapeGradient.dxda(x[j]);
      }
    }
    return s;
  }
}
