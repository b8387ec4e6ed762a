package org.vi4j.core.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ejml.data.DMatrixRMaj;

/**
 * A {@link Gemm} on netlib's {@code dgemm} ({@code dev.ludovic.netlib.blas.BLAS.getInstance()}): native
 * OpenBLAS when it is installed, else the Vector-API Java kernel when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, else plain Java. {@link #name()} says which, e.g.
 * {@code "netlib:VectorBLAS"}.
 *
 * <pre>{@code
 * Gemm gemm = NetlibGemm.create();          // all cores above the split threshold
 * gemm.gemm(true, false, 1.0, a, g, 0.0, c); // C = A^T * G
 * Gemm one = NetlibGemm.singleThreaded();    // plain dgemm, never splits
 * }</pre>
 *
 * <p><strong>Layout.</strong> EJML matrices are row-major and BLAS is column-major, so a row-major
 * {@code C = op(A) op(B)} is computed as the column-major {@code C^T = op(B)^T op(A)^T}: the operands and
 * their transpose flags swap, and each leading dimension is the row-major column count. No copy is made.
 *
 * <p><strong>Threads.</strong> The Java kernels are single-threaded. When the backend is not native and a
 * product has at least {@link #DEFAULT_SPLIT_FLOPS} flops ({@code 2 m n k}), the rows of C are cut into
 * one contiguous block per thread; the calling thread computes the first and a lazily created, shared
 * pool of {@code availableProcessors} daemon threads the others (no thread is created per call). Blocks
 * start on multiples of {@link #ROW_QUANTUM} rows and keep at least {@link #MIN_BLOCK_MADDS}
 * multiply-adds, so every element of C is computed by exactly one thread with the same netlib kernel and
 * the same tile position as in a single call: the result is bit-for-bit the same whatever the thread
 * count (a test checks this). Native OpenBLAS threads itself and is never split.
 *
 * <p>Thread-safe: instances hold no mutable state; concurrent callers share the pool.
 */
public final class NetlibGemm implements Gemm {

  /** Prefix of {@link #name()}; the backend's class name follows, e.g. {@code "netlib:VectorBLAS"}. */
  public static final String NAME = "netlib";

  /**
   * Products with at least this many flops ({@code 2 m n k}) are split across threads. Measured with
   * {@code GemmBenchmark} on a shared 2-core machine (paired 2-thread/1-thread ratios, see
   * {@code bench/README.md}): splitting won on 1000x1000x1000 (2 GFLOP, 1.7x) and 300x784x400 (188 MFLOP,
   * 1.5x) but lost on the VAE's 100-row products (63 MFLOP, 0.7-0.8x) and on 200x784x400 (125 MFLOP, 0.8x),
   * where each thread re-packs the whole right operand; so those stay on the calling thread. Re-measure
   * with the benchmark's {@code split-2t} implementation on an idle machine before lowering it.
   */
  public static final long DEFAULT_SPLIT_FLOPS = 150_000_000L;

  /**
   * Row blocks start on multiples of this many rows. Netlib's Java dgemm works on 3x3 tiles of C, and an
   * element's tile position decides its summation order; starting every block on a multiple of 12 keeps
   * each element in the same tile position as in one whole-matrix call, so the bits do not depend on the
   * number of blocks.
   */
  static final int ROW_QUANTUM = 12;

  /**
   * Every block has at least this many multiply-adds ({@code rows * n * k}): netlib's Java dgemm switches
   * to a different (unpacked) kernel below 100<sup>3</sup>, which would change the bits.
   */
  static final long MIN_BLOCK_MADDS = 1_000_000L;

  /**
   * netlib announces its backend at INFO through {@code java.util.logging}, i.e. on stderr; vi4j never
   * writes to the console, so that logger is raised to WARNING before netlib loads ({@link #name()}
   * still says which backend was chosen). Held here because JUL forgets the level of an unreferenced
   * logger.
   */
  private static final Logger NETLIB_LOG = quietNetlib();

  private final BLAS blas;
  private final int threads;
  private final long splitFlops;
  private final String name;

  /**
   * @param blas the backend
   * @param threads how many threads (the caller included) may work on one product, at least 1
   * @param splitFlops products with at least this many flops are cut into up to {@code threads} row
   *     blocks, one per thread (Java backends only). {@link Long#MAX_VALUE} never splits.
   */
  NetlibGemm(BLAS blas, int threads, long splitFlops) {
    if (blas == null) {
      throw new IllegalArgumentException("NetlibGemm: blas is null");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("NetlibGemm: threads must be >= 1, got " + threads);
    }
    if (splitFlops < 1) {
      throw new IllegalArgumentException("NetlibGemm: splitFlops must be >= 1, got " + splitFlops);
    }
    this.blas = blas;
    this.threads = threads;
    this.splitFlops = blas instanceof NativeBLAS ? Long.MAX_VALUE : splitFlops;
    this.name = NAME + ":" + blas.getClass().getSimpleName()
        + (this.splitFlops == Long.MAX_VALUE || threads == 1 ? "" : "-x" + threads);
  }

  /** Netlib's chosen backend, using every available core above {@link #DEFAULT_SPLIT_FLOPS}. */
  public static NetlibGemm create() {
    return withThreads(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Netlib's chosen backend on up to {@code threads} threads (the caller included) above
   * {@link #DEFAULT_SPLIT_FLOPS}. The result does not depend on {@code threads}.
   *
   * @param threads at least 1; values above the core count only queue on the shared pool
   */
  public static NetlibGemm withThreads(int threads) {
    return withThreads(threads, DEFAULT_SPLIT_FLOPS);
  }

  /**
   * Netlib's chosen backend on up to {@code threads} threads, splitting products of at least
   * {@code splitFlops} flops; for tuning the threshold ({@code 1} splits whenever the block rules allow).
   *
   * @param threads at least 1
   * @param splitFlops at least 1; {@link Long#MAX_VALUE} never splits
   */
  public static NetlibGemm withThreads(int threads, long splitFlops) {
    return new NetlibGemm(BLAS.getInstance(), threads, splitFlops);
  }

  /** Netlib's chosen backend as one plain {@code dgemm} call per product, on the calling thread. */
  public static NetlibGemm singleThreaded() {
    return new NetlibGemm(BLAS.getInstance(), 1, Long.MAX_VALUE);
  }

  /** netlib's Java backend (Vector API if available), never native; for tests that pin the backend. */
  static BLAS javaBackend() {
    return JavaBLAS.getInstance();
  }

  private static Logger quietNetlib() {
    Logger log = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
    if (log.isLoggable(Level.INFO)) {
      log.setLevel(Level.WARNING);
    }
    return log;
  }

  /** True when the backend is native (e.g. OpenBLAS), which does its own threading. */
  public boolean isNative() {
    return blas instanceof NativeBLAS;
  }

  @Override
  public void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
      double beta, DMatrixRMaj c) {
    Gemm.checkShapes("gemm", transA, transB, a, b, c);
    int m = c.numRows;
    int n = c.numCols;
    int k = transA ? a.numRows : a.numCols;
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0.0) {
      scale(beta, c.data, m * n);
      return;
    }
    int tasks = tasks(m, n, k);
    if (tasks == 1) {
      rows(transA, transB, alpha, a, b, beta, c, 0, m);
      return;
    }
    Future<?>[] futures = new Future<?>[tasks - 1];
    for (int t = 1; t < tasks; t++) {
      int r0 = blockStart(t, tasks, m);
      int r1 = blockStart(t + 1, tasks, m);
      futures[t - 1] = Pool.EXECUTOR.submit(() -> rows(transA, transB, alpha, a, b, beta, c, r0, r1));
    }
    Throwable failure = null;
    try {
      rows(transA, transB, alpha, a, b, beta, c, 0, blockStart(1, tasks, m));
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    failure = awaitAll(futures, failure);
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    } else if (failure instanceof Error) {
      throw (Error) failure;
    } else if (failure != null) {
      throw new IllegalStateException("gemm: a worker thread failed", failure);
    }
  }

  /**
   * How many row blocks (one per thread) an {@code m x k * k x n} product is cut into: 1 below the split
   * threshold, else as many as there are threads while every block keeps at least {@link #ROW_QUANTUM}
   * rows and {@link #MIN_BLOCK_MADDS} multiply-adds.
   */
  int tasks(int m, int n, int k) {
    if (threads == 1 || 2L * m * n * k < splitFlops) {
      return 1;
    }
    for (int t = Math.min(threads, m / ROW_QUANTUM); t > 1; t--) {
      long smallest = Long.MAX_VALUE;
      for (int i = 0; i < t; i++) {
        smallest = Math.min(smallest, blockStart(i + 1, t, m) - blockStart(i, t, m));
      }
      if (smallest * n * k >= MIN_BLOCK_MADDS) {
        return t;
      }
    }
    return 1;
  }

  /**
   * First row of block {@code i} of {@code blocks} over {@code m} rows: {@code i m / blocks} rounded down
   * to a multiple of {@link #ROW_QUANTUM}, and {@code m} for {@code i == blocks}.
   */
  static int blockStart(int i, int blocks, int m) {
    if (i >= blocks) {
      return m;
    }
    int start = (int) ((long) i * m / blocks);
    return start - start % ROW_QUANTUM;
  }

  /** Rows {@code [r0, r1)} of C: the column-major {@code C^T[:, r0:r1] = op(B)^T op(A)^T[:, r0:r1]}. */
  private void rows(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
      double beta, DMatrixRMaj c, int r0, int r1) {
    int n = c.numCols;
    int k = transA ? a.numRows : a.numCols;
    // Row r of op(A) starts at r * lda in A's array, or at column r of A (offset r) when transposed.
    int offsetA = transA ? r0 : r0 * a.numCols;
    blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, r1 - r0, k, alpha,
        b.data, 0, Math.max(1, b.numCols), a.data, offsetA, Math.max(1, a.numCols),
        beta, c.data, r0 * n, Math.max(1, n));
  }

  private static void scale(double beta, double[] c, int length) {
    if (beta == 0.0) {
      Arrays.fill(c, 0, length, 0.0);
    } else if (beta != 1.0) {
      for (int i = 0; i < length; i++) {
        c[i] *= beta;
      }
    }
  }

  /** Waits for every task (even after a failure: they all write into C); returns the first failure. */
  private static Throwable awaitAll(Future<?>[] futures, Throwable failure) {
    boolean interrupted = false;
    for (Future<?> f : futures) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return failure;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  /** The shared pool, created on first use: {@code availableProcessors} daemon threads. */
  private static final class Pool {
    private static final AtomicInteger COUNT = new AtomicInteger();
    static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(
        Runtime.getRuntime().availableProcessors(), r -> {
          Thread t = new Thread(r, "vi4j-gemm-" + COUNT.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
