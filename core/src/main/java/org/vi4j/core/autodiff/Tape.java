package org.vi4j.core.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.linalg.Gemm;

/**
 * Records ops in the order they run (define-by-run) and propagates gradients back over that order.
 *
 * <pre>{@code
 * Tape tape = new Tape();                 // keep one per loop: its buffers are reused
 * for (int step = 0; step < n; step++) {
 *   try (Tape t = tape.reset()) {
 *     t.watch(params);
 *     Tensor loss = ...;                  // ops on watched leaves record here
 *     t.backward(loss);                   // gradients accumulate into the params
 *   }
 * }
 * }</pre>
 *
 * <p><strong>Recording.</strong> An op records on a tape when one of its inputs belongs to it: a
 * leaf the tape {@linkplain #watch(Tensor) watches}, a tensor the tape made, or a
 * {@linkplain #constant constant} from its pool. Ops on inputs of no tape compute eagerly with no
 * gradient. Mixing two tapes in one op is an error.
 *
 * <p><strong>Memory.</strong> The tape keeps a pool of nodes indexed by recording position. The
 * k-th op of a step reuses the node, value buffer and gradient buffer of the k-th op of the previous
 * step (buffers only grow), so a loop that repeats the same ops allocates nothing in the steady
 * state. Tensors the tape made are therefore valid only until the next {@link #reset()}.
 *
 * <p><strong>Backward.</strong> {@link #backward(Tensor)} walks the recording in reverse, with no
 * recursion (a graph of millions of ops cannot overflow the stack), and skips nodes that need no
 * gradient. Gradients of watched leaves (parameters) <em>accumulate</em>: zero them between steps.
 *
 * <p>Not thread-safe: one tape per thread.
 */
public final class Tape implements AutoCloseable {

  private final Gemm gemm;
  private Tensor[] pool = new Tensor[64];
  /** Number of pool nodes in use in the current recording. */
  private int size;
  private final ArrayList<Tensor> watched = new ArrayList<>();

  /** A tape using the default {@link Gemm}. */
  public Tape() {
    this(Gemm.defaultGemm());
  }

  /** A tape whose products use {@code gemm}. */
  public Tape(Gemm gemm) {
    if (gemm == null) {
      throw new IllegalArgumentException("Tape: gemm must not be null");
    }
    this.gemm = gemm;
  }

  /** A new tape; same as {@code new Tape()}, for try-with-resources. */
  public static Tape record() {
    return new Tape();
  }

  /** The matrix multiply this tape's products use. */
  public Gemm gemm() {
    return gemm;
  }

  /**
   * Starts a new recording: forgets the recorded ops (keeping their buffers for reuse) and stops
   * watching every leaf.
   *
   * @return this tape, for try-with-resources
   */
  public Tape reset() {
    unwatchAll();
    for (int i = 0; i < size; i++) {
      pool[i].tape = null;
    }
    size = 0;
    return this;
  }

  /** Stops watching every leaf. The recorded tensors stay readable until {@link #reset()}. */
  @Override
  public void close() {
    unwatchAll();
  }

  private void unwatchAll() {
    for (int i = 0; i < watched.size(); i++) {
      watched.get(i).tape = null;
    }
    watched.clear();
  }

  /**
   * Makes a leaf that {@linkplain Tensor#requiresGrad() wants a gradient} take part in this
   * recording. Watching it again is harmless; watching a leaf another tape watches is an error.
   *
   * @return the leaf
   */
  public <T extends Tensor> T watch(T leaf) {
    if (leaf.position >= 0 || leaf.backward != null) {
      throw new IllegalArgumentException("Tape.watch: only leaves can be watched, not op results");
    }
    if (leaf.tape == this) {
      return leaf;
    }
    if (leaf.tape != null) {
      throw new IllegalStateException("Tape.watch: " + leaf + " is watched by another tape");
    }
    leaf.tape = this;
    watched.add(leaf);
    return leaf;
  }

  /** Watches every parameter of {@code params}. */
  public void watch(ParamStore params) {
    java.util.List<Param> list = params.params();
    for (int i = 0; i < list.size(); i++) {
      watch(list.get(i));
    }
  }

  /** Number of ops recorded since the last reset. */
  public int recorded() {
    return size;
  }

  /**
   * A rows x cols tensor of zeros from this tape's pool, with no gradient: for noise, masks or data
   * that should not allocate each step. Valid until the next {@link #reset()}.
   */
  public Tensor constant(int rows, int cols) {
    Tensor.checkShape("Tape.constant", rows, cols);
    Tensor t = node(rows, cols, false);
    Arrays.fill(t.value.data, 0, rows * cols, 0.0);
    return t;
  }

  /** A pooled constant holding a copy of {@code m}. */
  public Tensor constant(DMatrixRMaj m) {
    Tensor t = node(m.numRows, m.numCols, false);
    System.arraycopy(m.data, 0, t.value.data, 0, m.numRows * m.numCols);
    return t;
  }

  /** A pooled 1x1 constant. */
  public Tensor scalar(double x) {
    Tensor t = node(1, 1, false);
    t.value.data[0] = x;
    return t;
  }

  /**
   * The next node of the pool, shaped rows x cols, its recording cleared. Its value's contents are
   * unspecified: the op overwrites them.
   */
  Tensor node(int rows, int cols, boolean requiresGrad) {
    if (size == pool.length) {
      pool = Arrays.copyOf(pool, pool.length * 2);
    }
    Tensor t = pool[size];
    if (t == null) {
      t = new Tensor(new DMatrixRMaj(rows, cols));
      pool[size] = t;
    } else {
      t.value.reshape(rows, cols, false);
      t.backward = null;
      t.in0 = null;
      t.in1 = null;
    }
    t.tape = this;
    t.position = size;
    t.requiresGrad = requiresGrad;
    size++;
    return t;
  }

  /**
   * Back-propagates from {@code root}, which must be a 1x1 tensor recorded on this tape: afterwards
   * every recorded tensor and watched leaf that needs a gradient holds d root / d itself (leaves add
   * it to what they held).
   */
  public void backward(Tensor root) {
    if (root.tape != this || root.position < 0) {
      throw new IllegalArgumentException("Tape.backward: the root " + root
          + " was not recorded on this tape");
    }
    if (root.rows() != 1 || root.cols() != 1) {
      throw new IllegalArgumentException("Tape.backward: the root must be 1x1 (a scalar), got "
          + root.shape() + "; reduce it first, e.g. with sum()");
    }
    if (!root.requiresGrad) {
      return; // nothing it depends on wants a gradient
    }
    int last = root.position;
    for (int i = 0; i <= last; i++) {
      Tensor t = pool[i];
      if (t.requiresGrad) {
        DMatrixRMaj g = t.grad;
        if (g == null) {
          t.grad = new DMatrixRMaj(t.value.numRows, t.value.numCols);
        } else {
          g.reshape(t.value.numRows, t.value.numCols, false);
          Arrays.fill(g.data, 0, t.value.numRows * t.value.numCols, 0.0);
        }
      }
    }
    root.grad.data[0] = 1.0;
    for (int i = last; i >= 0; i--) {
      Tensor t = pool[i];
      if (t.requiresGrad && t.backward != null) {
        t.backward.apply(t);
      }
    }
  }
}
