package org.vi4j.optimizers.svi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConditionallyConjugate;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.ElboEstimate;

/**
 * One global step of a {@link ConditionallyConjugate} model, shared by {@code svi} and {@code cavi}:
 * the local step on a batch, run in parts on several threads, then the global step
 * λ ← (1 − ρ) λ + ρ λ̂ written into the guide's {@link ConjugateFactors}.
 *
 * <pre>{@code
 * LocalStepRunner runner = new LocalStepRunner(0);              // all available processors
 * ElboEstimate elbo = runner.step(cc, qf, batch, rho);
 * }</pre>
 *
 * <p><strong>Deterministic in the thread count.</strong> The batch is cut into parts of
 * {@link ConditionallyConjugate#rowsPerPart()} consecutive rows — a split that depends only on the
 * batch — and each part's {@link ConditionallyConjugate.LocalStep#run} is a pure function of its
 * rows; the parts' statistics and local ELBO terms are added in part order on the calling thread
 * (as they complete, so the reduction overlaps the remaining work). So 1, 2 or 16 threads give
 * bit-identical results.
 *
 * <p><strong>One step</strong>, with s = {@code batch.scale()}:
 * <pre>
 * λ      = the guide's natural parameters of every global latent
 * parts  = localStep(λ).run(part) for each part, in parallel
 * stats  = Σ_parts statistics (in order);   write each part's local factors into the guide
 * λ̂      = globalOptimum(stats, s, λ)
 * λ      ← (1 − ρ) λ + ρ λ̂                  (ρ = 1: λ̂)
 * ELBO   = s · Σ_parts localElbo + globalElbo(λ before the update)
 * </pre>
 * The ELBO is exact for the full batch (standard error 0) and an unbiased-in-the-rows estimate for
 * a minibatch (standard error unknown, NaN).
 *
 * <p>Threads: {@code threads} daemon workers, created on first use and ended after
 * {@value #IDLE_SECONDS} s idle; with one thread, or a batch of one part, everything runs on the
 * caller. Not thread-safe (one step at a time).
 */
public final class LocalStepRunner {

  /** Seconds an idle worker waits for work before it ends. */
  static final long IDLE_SECONDS = 30;

  private final int threads;
  private ThreadPoolExecutor pool;

  /**
   * @param threads worker threads ≥ 1, or 0 for {@link Runtime#availableProcessors()}
   */
  public LocalStepRunner(int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0: all available processors), got "
          + threads);
    }
    this.threads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** The number of threads the local step runs on. */
  public int threads() {
    return threads;
  }

  /**
   * Runs one step (class javadoc).
   *
   * @param rho the weight ρ ∈ (0, 1] of the new global parameters
   * @return the ELBO estimate at the global parameters before the update with the locals found
   * @throws IllegalArgumentException if the model's λ̂ and the guide's natural parameters differ in
   *     shape (nothing is written to the global factors then)
   */
  public ElboEstimate step(ConditionallyConjugate cc, ConjugateFactors qf, Batch batch,
      double rho) {
    Objects.requireNonNull(cc, "cc");
    Objects.requireNonNull(qf, "qf");
    Objects.requireNonNull(batch, "batch");
    if (!(rho > 0 && rho <= 1)) {
      throw new IllegalArgumentException("rho must be in (0, 1], got " + rho);
    }
    Map<String, Tensor> global = new LinkedHashMap<>();
    for (String g : cc.globalLatents()) {
      global.put(g, qf.naturalParameters(g, batch));
    }
    ConditionallyConjugate.LocalStep local = cc.localStep(global);
    int rowsPerPart = cc.rowsPerPart();
    if (rowsPerPart < 1) {
      throw new IllegalStateException("model " + cc.getClass().getSimpleName()
          + ": rowsPerPart() must be >= 1, got " + rowsPerPart);
    }
    int b = batch.size();
    int parts = (b + rowsPerPart - 1) / rowsPerPart;
    double[] stats = new double[cc.statisticsLength()];
    double localElbo = 0;
    if (threads == 1 || parts == 1) {
      for (int p = 0; p < parts; p++) {
        Batch rows = part(batch, p, rowsPerPart);
        ConditionallyConjugate.LocalResult r = local.run(rows);
        localElbo += absorb(r, rows, stats, qf);
      }
    } else {
      List<Future<ConditionallyConjugate.LocalResult>> futures = new ArrayList<>(parts);
      List<Batch> rowsOf = new ArrayList<>(parts);
      ThreadPoolExecutor exec = pool();
      for (int p = 0; p < parts; p++) {
        Batch rows = part(batch, p, rowsPerPart);
        rowsOf.add(rows);
        futures.add(exec.submit(() -> local.run(rows)));
      }
      try {
        for (int p = 0; p < parts; p++) {
          localElbo += absorb(get(futures.get(p)), rowsOf.get(p), stats, qf);
        }
      } finally {
        futures.forEach(f -> f.cancel(false));
      }
    }
    double value = batch.scale() * localElbo + local.globalElbo();
    Map<String, Tensor> hat = cc.globalOptimum(stats, batch.scale(), global);
    Map<String, Tensor> next = new LinkedHashMap<>();
    for (String g : cc.globalLatents()) {
      Tensor old = global.get(g);
      Tensor h = hat.get(g);
      if (h == null || h.rows() != old.rows() || h.cols() != old.cols()) {
        throw new IllegalArgumentException("natural parameters of '" + g + "' are " + old.shape()
            + " in the guide but " + (h == null ? "missing" : h.shape())
            + " from the model's global optimum");
      }
      next.put(g, rho == 1 ? h : blend(old, h, rho));
    }
    next.forEach((g, eta) -> qf.setNaturalParameters(g, batch, eta));
    return batch.isFull() ? ElboEstimate.exact(value) : new ElboEstimate(value, Double.NaN, 1);
  }

  /** Adds a part's statistics, writes its local factors; returns its local ELBO terms. */
  private static double absorb(ConditionallyConjugate.LocalResult r, Batch rows, double[] stats,
      ConjugateFactors qf) {
    r.addStatisticsTo(stats);
    r.localNaturalParameters().forEach((latent, eta) -> qf.setNaturalParameters(latent, rows, eta));
    return r.localElbo();
  }

  /** (1 − ρ) old + ρ new, element by element. */
  private static Tensor blend(Tensor old, Tensor hat, double rho) {
    double[] o = old.value().data;
    double[] h = hat.value().data;
    int n = old.size();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = (1 - rho) * o[i] + rho * h[i];
    }
    return Tensor.constant(new DMatrixRMaj(old.rows(), old.cols(), true, out));
  }

  /** Rows [p·R, min(B, (p+1)·R)) of the batch, with their data and the batch's total. */
  private static Batch part(Batch batch, int p, int rowsPerPart) {
    int from = p * rowsPerPart;
    int to = Math.min(batch.size(), from + rowsPerPart);
    if (from == 0 && to == batch.size()) {
      return batch;
    }
    int f = batch.data().cols();
    double[] src = batch.data().value().data;
    DMatrixRMaj data = new DMatrixRMaj(to - from, f);
    System.arraycopy(src, from * f, data.data, 0, (to - from) * f);
    int[] rows = new int[to - from];
    for (int i = from; i < to; i++) {
      rows[i - from] = batch.row(i);
    }
    return Batch.of(Tensor.constant(data), rows, batch.total());
  }

  private static ConditionallyConjugate.LocalResult get(
      Future<ConditionallyConjugate.LocalResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the local step", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("the local step failed: " + c, c);
    }
  }

  private ThreadPoolExecutor pool() {
    if (pool == null) {
      AtomicInteger n = new AtomicInteger();
      ThreadFactory f = r -> {
        Thread t = new Thread(r, "vi4j-local-step-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), f);
      pool.allowCoreThreadTimeOut(true);
    }
    return pool;
  }

  @Override
  public String toString() {
    return "LocalStepRunner{threads=" + threads + "}";
  }
}
