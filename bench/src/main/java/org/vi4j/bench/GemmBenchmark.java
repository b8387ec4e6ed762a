package org.vi4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vi4j.core.linalg.EjmlGemm;
import org.vi4j.core.linalg.Gemm;
import org.vi4j.core.linalg.NetlibGemm;

/**
 * Throughput of each {@link Gemm} on the VAE's products and a square one. JMH's primary score is calls
 * per second; the secondary {@code :gflop} score is GFLOP/s ({@code 2 m n k} flops per call, counted
 * with {@link AuxCounters}). See {@code bench/README.md} for the commands and the measured numbers.
 *
 * <p>Shapes are {@code A_B} with each operand's stored shape; a trailing {@code T} means the operand is
 * used transposed, e.g. {@code 100x400_784x400T} is {@code (100x400) * (784x400)^T}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Thread)
public class GemmBenchmark {

  private static final Pattern SHAPE = Pattern.compile("(\\d+)x(\\d+)(T?)_(\\d+)x(\\d+)(T?)");

  /**
   * {@code ejml}: the reference; {@code netlib}: one plain dgemm call on the calling thread;
   * {@code default}: {@link Gemm#defaultGemm()} (netlib, split across all cores above the threshold);
   * {@code split-2t}: netlib on 2 threads with the split threshold at 1 flop (splits whatever netlib's
   * block rules allow), for tuning {@link NetlibGemm#DEFAULT_SPLIT_FLOPS}.
   */
  @Param({"ejml", "netlib", "default"})
  public String impl;

  @Param({"100x784_784x400", "100x400_784x400T", "100x784T_100x400", "1000x1000_1000x1000", "100x20_20x400"})
  public String shape;

  private Gemm gemm;
  private boolean transA;
  private boolean transB;
  private DMatrixRMaj a;
  private DMatrixRMaj b;
  private DMatrixRMaj c;
  private double gflopPerCall;

  /** GFLOP done in this iteration; JMH divides by the time, giving GFLOP/s. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Flops {
    public double gflop;

    @Setup(Level.Iteration)
    public void reset() {
      gflop = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Matcher s = SHAPE.matcher(shape);
    if (!s.matches()) {
      throw new IllegalArgumentException("shape '" + shape + "' is not like 100x784_784x400 or 100x400_784x400T");
    }
    Random random = new Random(42);
    a = random(Integer.parseInt(s.group(1)), Integer.parseInt(s.group(2)), random);
    transA = !s.group(3).isEmpty();
    b = random(Integer.parseInt(s.group(4)), Integer.parseInt(s.group(5)), random);
    transB = !s.group(6).isEmpty();
    int m = transA ? a.numCols : a.numRows;
    int k = transA ? a.numRows : a.numCols;
    int n = transB ? b.numRows : b.numCols;
    c = new DMatrixRMaj(m, n);
    gflopPerCall = 2.0 * m * n * k / 1e9;
    switch (impl) {
      case "ejml": gemm = new EjmlGemm(); break;
      case "netlib": gemm = NetlibGemm.singleThreaded(); break;
      case "default": gemm = Gemm.defaultGemm(); break;
      case "split-2t": gemm = NetlibGemm.withThreads(2, 1); break;
      default: throw new IllegalArgumentException("impl '" + impl
          + "' is not one of ejml, netlib, default, split-2t");
    }
    // The bench may print: it records which backend netlib chose in the run's log.
    System.out.println("# gemm " + impl + " = " + gemm.name() + ", C is " + m + "x" + n + ", k = " + k);
  }

  @Benchmark
  public DMatrixRMaj gemm(Flops flops) {
    gemm.gemm(transA, transB, 1.0, a, b, 0.0, c);
    flops.gflop += gflopPerCall;
    return c;
  }

  private static DMatrixRMaj random(int rows, int cols, Random random) {
    DMatrixRMaj x = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = random.nextDouble() * 2 - 1;
    }
    return x;
  }
}
