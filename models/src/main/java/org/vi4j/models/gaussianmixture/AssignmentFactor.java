package org.vi4j.models.gaussianmixture;

import java.util.Objects;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.spi.Batch;

/**
 * The categorical factor q(c_n) = Cat(r_n) shared by both conjugate mixtures' guides, stored as
 * log-responsibilities {@code assignment.log_resp} (N x K) in the guide's parameter store. Its
 * natural parameters are log r_n up to a constant per row, its expected sufficient statistics r_n.
 *
 * <pre>{@code
 * AssignmentFactor resp = new AssignmentFactor(params, "Guide 'gaussian-mixture'", n, k);
 * Tensor r = resp.expected(batch);                    // B x K
 * resp.set(batch, etaRows);                           // normalised per row
 * }</pre>
 */
final class AssignmentFactor {

  private final String owner;
  private final Param logResp;
  private final int n;
  private final int k;

  /** Adds {@code assignment.log_resp} (N x K, all 0) to {@code params}. */
  AssignmentFactor(ParamStore params, String owner, int n, int k) {
    this.owner = owner;
    this.n = n;
    this.k = k;
    this.logResp = params.add("assignment.log_resp", n, k, 0.0);
  }

  /** log r, N x K row-major: the live values (for initialisation and draws). Modified by callers. */
  double[] logValues() {
    return logResp.value().data;
  }

  /** r, N x K (a copy). */
  double[][] responsibilities() {
    double[] lr = logResp.value().data;
    double[][] r = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        r[i][c] = Math.exp(lr[i * k + c]);
      }
    }
    return r;
  }

  /** Refuses a batch with a row outside the N data points the guide was built for. */
  void checkRows(Batch batch) {
    Objects.requireNonNull(batch, "batch");
    for (int i = 0; i < batch.size(); i++) {
      if (batch.row(i) >= n) {
        throw new IllegalArgumentException(owner + ": batch row " + batch.row(i)
            + " is outside the " + n + " data points this guide was built for");
      }
    }
  }

  /** E[T] = r for the batch's rows, B x K. */
  Tensor expected(Batch batch) {
    checkRows(batch);
    double[] lr = logResp.value().data;
    double[][] r = new double[batch.size()][k];
    for (int i = 0; i < batch.size(); i++) {
      for (int c = 0; c < k; c++) {
        r[i][c] = Math.exp(lr[batch.row(i) * k + c]);
      }
    }
    return Tensor.of(r);
  }

  /** η = log r for the batch's rows, B x K. */
  Tensor natural(Batch batch) {
    checkRows(batch);
    double[] lr = logResp.value().data;
    double[][] eta = new double[batch.size()][k];
    for (int i = 0; i < batch.size(); i++) {
      System.arraycopy(lr, batch.row(i) * k, eta[i], 0, k);
    }
    return Tensor.of(eta);
  }

  /**
   * Writes the batch's rows from finite η (B x K, row-major, already shape-checked by the caller):
   * log r_n = η_n − log Σ_c exp η_nc.
   */
  void set(Batch batch, double[] e) {
    double[] lr = logResp.value().data;
    for (int i = 0; i < batch.size(); i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, e[i * k + c]);
      }
      double s = 0;
      for (int c = 0; c < k; c++) {
        s += Math.exp(e[i * k + c] - max);
      }
      double lse = max + Math.log(s);
      for (int c = 0; c < k; c++) {
        lr[batch.row(i) * k + c] = e[i * k + c] - lse;
      }
    }
  }
}
