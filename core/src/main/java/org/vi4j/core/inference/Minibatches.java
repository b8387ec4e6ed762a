package org.vi4j.core.inference;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;

/**
 * Minibatches of B rows out of a data set of N rows, shuffled afresh every epoch with the run's
 * random stream, each carrying the scale N/B (so local and data terms scaled by it give an unbiased
 * ELBO). The last batch of an epoch is smaller when B does not divide N; its scale is N/B' for its
 * own size B'. With B ≥ N every batch is the whole data set, in order, and the same object.
 *
 * <pre>{@code
 * Minibatches batches = new Minibatches(data, 32);
 * Batch b = batches.next(rng);      // b.scale() == N / 32
 * }</pre>
 *
 * <p>Over one epoch every row appears exactly once, so the mean over the epoch's batches of a
 * batch-scaled sum (weighted by batch size) equals the full-data sum. Not thread-safe.
 */
public final class Minibatches {

  private final Tensor data;
  private final int batchSize;
  private final int n;
  private final int[] order;
  private int position;
  private long epoch;
  private final Batch full;

  /**
   * @param data N x F, a constant. Not modified.
   * @param batchSize B &gt; 0; B ≥ N means full batches
   */
  public Minibatches(Tensor data, int batchSize) {
    if (data.requiresGrad()) {
      throw new IllegalArgumentException("Minibatches: data must be a constant");
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("Minibatches: batch size must be positive, got " + batchSize);
    }
    this.data = data;
    this.n = data.rows();
    this.batchSize = Math.min(batchSize, n);
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.position = n; // forces a shuffle before the first batch
    this.full = this.batchSize == n ? Batch.full(data) : null;
  }

  /** Number of data rows N. */
  public int size() {
    return n;
  }

  /** The batch size B (at most N). */
  public int batchSize() {
    return batchSize;
  }

  /** Completed epochs. */
  public long epoch() {
    return epoch;
  }

  /** The next batch; shuffles with {@code rng} at the start of each epoch (not for full batches). */
  public Batch next(Rng rng) {
    if (full != null) {
      return full;
    }
    if (position >= n) {
      shuffle(rng);
      position = 0;
      epoch++;
    }
    int b = Math.min(batchSize, n - position);
    int f = data.cols();
    DMatrixRMaj rows = new DMatrixRMaj(b, f);
    int[] idx = new int[b];
    double[] src = data.value().data;
    for (int i = 0; i < b; i++) {
      idx[i] = order[position + i];
      System.arraycopy(src, idx[i] * f, rows.data, i * f, f);
    }
    position += b;
    return Batch.of(Tensor.constant(rows), idx, n);
  }

  private void shuffle(Rng rng) {
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** Writes the permutation and position, for checkpoints. */
  void writeState(DataOutput out) throws IOException {
    out.writeInt(n);
    out.writeInt(position);
    out.writeLong(epoch);
    for (int i : order) {
      out.writeInt(i);
    }
  }

  /** Restores what {@link #writeState} wrote for a data set of the same size. */
  void readState(DataInput in) throws IOException {
    int savedN = in.readInt();
    if (savedN != n) {
      throw new IllegalArgumentException("checkpoint: the data set had " + savedN
          + " rows, this one has " + n);
    }
    position = in.readInt();
    epoch = in.readLong();
    for (int i = 0; i < n; i++) {
      order[i] = in.readInt();
    }
  }
}
