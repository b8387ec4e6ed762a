package org.vi4j.core.spi;

import java.util.Arrays;
import java.util.Objects;
import org.vi4j.core.autodiff.Tensor;

/**
 * A minibatch: B rows of the data set (a constant tensor), which rows of the full data set they
 * are, and the full size N, so that local terms can be scaled to an unbiased estimate.
 *
 * <pre>{@code
 * Batch all = Batch.full(data);                            // rows 0..N-1, scale 1
 * Batch mb  = Batch.of(dataRows, new int[] {7, 3, 11}, 1000); // B = 3 of N = 1000, scale 1000/3
 * Tensor logJoint = prior.add(likelihoodSum.mul(mb.scale()));
 * }</pre>
 *
 * <p><strong>Contract.</strong> {@code data} is {@code B x features} and carries no gradient;
 * {@code rows[i]} is the index in the full data set of data row i, each in {@code [0, total)};
 * {@code total >= B}. Models that keep their own data (e.g. in amortised bookkeeping) use
 * {@link #rows()}; others use {@link #data()}. The row array is copied in and out: use
 * {@link #row(int)} in loops.
 *
 * @param data the batch's rows, B x features, a constant
 * @param rows indices into the full data set, length B
 * @param total N, the size of the full data set
 */
public record Batch(Tensor data, int[] rows, int total) {

  /** Validates and copies {@code rows}. */
  public Batch {
    Objects.requireNonNull(data, "Batch: data must not be null");
    Objects.requireNonNull(rows, "Batch: rows must not be null");
    if (data.requiresGrad()) {
      throw new IllegalArgumentException("Batch: data must be a constant, got a tensor that requires a gradient");
    }
    if (rows.length != data.rows()) {
      throw new IllegalArgumentException("Batch: " + rows.length + " row indices for " + data.rows()
          + " data rows (" + data.shape() + ")");
    }
    if (!(total >= rows.length)) {
      throw new IllegalArgumentException("Batch: total " + total + " is smaller than the batch size "
          + rows.length);
    }
    rows = rows.clone();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] < 0 || rows[i] >= total) {
        throw new IllegalArgumentException("Batch: row index " + rows[i] + " at position " + i
            + " is outside [0, " + total + ")");
      }
    }
  }

  /** The whole data set as one batch: rows 0..N−1, scale 1. */
  public static Batch full(Tensor data) {
    int[] rows = new int[data.rows()];
    Arrays.setAll(rows, i -> i);
    return new Batch(data, rows, rows.length);
  }

  /** A batch of {@code data} rows that are rows {@code rows} of a data set of {@code total}. */
  public static Batch of(Tensor data, int[] rows, int total) {
    return new Batch(data, rows, total);
  }

  /** A copy of the row indices. */
  @Override
  public int[] rows() {
    return rows.clone();
  }

  /** The index in the full data set of batch row {@code i}. */
  public int row(int i) {
    return rows[i];
  }

  /** B, the number of rows in this batch. */
  public int size() {
    return rows.length;
  }

  /** N / B: the factor local (per-data-row) terms are multiplied by. */
  public double scale() {
    return (double) total / rows.length;
  }

  /** True if this batch is the whole data set. */
  public boolean isFull() {
    return rows.length == total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Batch b && b.data == data && b.total == total && Arrays.equals(b.rows, rows);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * System.identityHashCode(data) + Arrays.hashCode(rows)) + total;
  }

  @Override
  public String toString() {
    return "Batch[" + rows.length + " of " + total + ", data " + data.shape() + "]";
  }
}
