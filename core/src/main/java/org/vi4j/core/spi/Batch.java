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
 * <p><strong>Reused batches.</strong> A batch is a value only as long as its owner leaves it alone:
 * a stream that reuses its buffers (e.g. {@link org.vi4j.core.inference.Minibatches}) refills the
 * data tensor and, through a {@link Refill}, the row indices of the same {@code Batch} object, so
 * such a batch is <strong>valid only until the stream's next batch</strong>.
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

  /**
   * A batch whose row indices its owner refills in place, for a stream that also refills the data
   * tensor in place, so that a new batch of the same size allocates nothing.
   *
   * <pre>{@code
   * Batch.Refill slot = new Batch.Refill(buffer, n);   // buffer: a reused B x F constant
   * ... copy data rows r_0..r_{B-1} into buffer ...
   * for (int i = 0; i < B; i++) slot.set(i, r_i);
   * Batch b = slot.batch();                             // the same object every time
   * }</pre>
   *
   * <p><strong>Contract.</strong> {@link #batch()} is always the same {@link Batch}; {@link #set}
   * changes what its {@link Batch#row(int)} and {@link Batch#rows()} return (and so its equality),
   * each index checked against {@code [0, total)}. Hand the batch out only with the rule that it is
   * valid until the next refill. Not thread-safe.
   */
  public static final class Refill {

    private final Batch batch;

    /**
     * A batch over {@code data} (a constant, refilled by the caller) of a data set of {@code total}
     * rows, its row indices all 0 until {@link #set}.
     *
     * @throws IllegalArgumentException as {@link Batch}'s constructor
     */
    public Refill(Tensor data, int total) {
      Objects.requireNonNull(data, "Batch.Refill: data must not be null");
      this.batch = new Batch(data, new int[data.rows()], total);
    }

    /**
     * Sets the index in the full data set of batch row {@code i}.
     *
     * @throws IllegalArgumentException if {@code row} is outside {@code [0, total)}; nothing changes
     * @throws IndexOutOfBoundsException if {@code i} is not a batch row
     */
    public void set(int i, int row) {
      if (row < 0 || row >= batch.total) {
        throw new IllegalArgumentException("Batch.Refill: row index " + row + " at position " + i
            + " is outside [0, " + batch.total + ")");
      }
      batch.rows[i] = row;
    }

    /** The batch, the same object after every refill. */
    public Batch batch() {
      return batch;
    }
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
