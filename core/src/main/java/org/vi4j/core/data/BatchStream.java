package org.vi4j.core.data;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;

/**
 * Shuffled minibatches of B rows of an N-row data set that allocate nothing in the steady state:
 * every batch's rows are copied into one reused B x F buffer. Reshuffled (Fisher–Yates, with the
 * caller's rng) at the start of every epoch. Like tape tensors, <strong>a batch is valid only
 * until the next call to {@link #next}</strong>: its data tensor is the shared buffer.
 *
 * <pre>{@code
 * BatchStream s = new BatchStream(trainX, 100);      // N = 60000: 600 batches per epoch
 * for (int k = 0; k < s.batchesPerEpoch(); k++) {
 *   Batch b = s.next(rng);                           // scale N/B
 *   estimator.estimate(model, guide, b, rng);
 * }
 * }</pre>
 *
 * <p>The last batch of an epoch holds the remaining N mod B rows when B does not divide N (in a
 * second buffer of that size). {@link Batch#row(int)} gives the data-set row of each batch row.
 * The only allocation per call is the small {@link Batch} record itself (it copies its B row
 * indices); the data rows are never re-allocated.
 */
public final class BatchStream {

  private final double[] data;
  private final int n;
  private final int f;
  private final int batchSize;
  private final int[] order;
  private final Tensor buffer;
  private final Tensor tail;
  private final int[][] rowsBuffer;
  private int position;
  private long epoch;

  /**
   * @param data N x F, one example per row. Not modified (not copied either: keep it unchanged).
   * @param batchSize B, 0 &lt; B ≤ N
   */
  public BatchStream(DMatrixRMaj data, int batchSize) {
    Objects.requireNonNull(data, "BatchStream: data must not be null");
    if (!(batchSize > 0 && batchSize <= data.numRows)) {
      throw new IllegalArgumentException("BatchStream: batch size must be in [1, " + data.numRows
          + "], got " + batchSize);
    }
    this.data = data.data;
    this.n = data.numRows;
    this.f = data.numCols;
    this.batchSize = batchSize;
    this.order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    this.buffer = Tensor.zeros(batchSize, f);
    int rest = n % batchSize;
    this.tail = rest == 0 ? null : Tensor.zeros(rest, f);
    this.rowsBuffer = new int[][] {new int[batchSize], new int[Math.max(rest, 1)]};
    this.position = n;
  }

  /** Batches per epoch, ⌈N / B⌉. */
  public int batchesPerEpoch() {
    return (n + batchSize - 1) / batchSize;
  }

  /** Completed or started epochs. */
  public long epoch() {
    return epoch;
  }

  /** N. */
  public int size() {
    return n;
  }

  /** The next batch; shuffles with {@code rng} at the start of each epoch. Valid until the next call. */
  public Batch next(Rng rng) {
    if (position >= n) {
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      position = 0;
      epoch++;
    }
    int b = Math.min(batchSize, n - position);
    Tensor out = b == batchSize ? buffer : tail;
    int[] idx = b == batchSize ? rowsBuffer[0] : rowsBuffer[1];
    double[] dst = out.value().data;
    for (int i = 0; i < b; i++) {
      int r = order[position + i];
      idx[i] = r;
      System.arraycopy(data, r * f, dst, i * f, f);
    }
    position += b;
    return Batch.of(out, idx, n);
  }
}
