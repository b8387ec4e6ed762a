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
 * Minibatches batches = new Minibatches(data, 100);
 * Batch b = batches.next(rng);      // b.scale() == N / 100
 * }</pre>
 *
 * <p>Over one epoch every row appears exactly once, so the mean over the epoch's batches of a
 * batch-scaled sum (weighted by batch size) equals the full-data sum.
 *
 * <p><strong>Memory.</strong> The rows of every batch are copied into one reused B x F buffer (a
 * second one for a shorter last batch), and each buffer has one {@link Batch} whose row indices
 * are refilled ({@link Batch.Refill}), so the steady state allocates nothing: like tape tensors,
 * <strong>a batch (its data and its rows) is valid only until the next call to
 * {@link #next}</strong>, which may return the same object refilled. Not thread-safe.
 */
public final class Minibatches {

  private final double[] data;
  private final int n;
  private final int f;
  private final int batchSize;
  private final int[] order;
  private final Batch full;
  private final Tensor buffer;
  private final Tensor tail;
  private final Batch.Refill rows;
  private final Batch.Refill tailRows;
  private int position;
  private long epoch;

  /**
   * @param data N x F, a constant. Not modified, not copied: keep it unchanged while batching.
   * @param batchSize B &gt; 0; B ≥ N means full batches
   */
  public Minibatches(Tensor data, int batchSize) {
    this(data.value(), batchSize, data);
    if (data.requiresGrad()) {
      throw new IllegalArgumentException("Minibatches: data must be a constant");
    }
  }

  /**
   * Minibatches straight from a matrix (a large data set need not be wrapped, i.e. copied, first).
   *
   * @param data N x F. Not modified, not copied: keep it unchanged while batching.
   * @param batchSize B &gt; 0; B ≥ N means full batches
   */
  public Minibatches(DMatrixRMaj data, int batchSize) {
    this(data, batchSize, null);
  }

  private Minibatches(DMatrixRMaj m, int batchSize, Tensor wrapped) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("Minibatches: batch size must be positive, got " + batchSize);
    }
    this.data = m.data;
    this.n = m.numRows;
    this.f = m.numCols;
    this.batchSize = Math.min(batchSize, n);
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.position = n; // forces a shuffle before the first batch
    if (this.batchSize == n) {
      full = Batch.full(wrapped != null ? wrapped : Tensor.constant(m));
      buffer = null;
      tail = null;
      rows = null;
      tailRows = null;
    } else {
      full = null;
      int rest = n % this.batchSize;
      buffer = Tensor.zeros(this.batchSize, f);
      tail = rest == 0 ? null : Tensor.zeros(rest, f);
      rows = new Batch.Refill(buffer, n);
      tailRows = tail == null ? null : new Batch.Refill(tail, n);
    }
  }

  /** Number of data rows N. */
  public int size() {
    return n;
  }

  /** The batch size B (at most N). */
  public int batchSize() {
    return batchSize;
  }

  /** Batches per epoch, ⌈N / B⌉. */
  public int batchesPerEpoch() {
    return (n + batchSize - 1) / batchSize;
  }

  /** Started epochs. */
  public long epoch() {
    return epoch;
  }

  /**
   * The next batch; shuffles with {@code rng} at the start of each epoch (not for full batches).
   * The batch (data and rows) is valid until the next call, which may refill the same object.
   */
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
    Tensor out = b == batchSize ? buffer : tail;
    Batch.Refill idx = b == batchSize ? rows : tailRows;
    double[] dst = out.value().data;
    for (int i = 0; i < b; i++) {
      int r = order[position + i];
      idx.set(i, r);
      System.arraycopy(data, r * f, dst, i * f, f);
    }
    position += b;
    return idx.batch();
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
