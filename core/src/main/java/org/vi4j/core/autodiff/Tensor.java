package org.vi4j.core.autodiff;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * A node of the reverse-mode autodiff graph: a dense 2-D double matrix (rows = batch or particles)
 * and, after {@link Tape#backward(Tensor)}, the gradient of the differentiated scalar with respect to
 * it. Scalars are 1x1.
 *
 * <pre>{@code
 * try (Tape tape = Tape.record()) {
 *   tape.watch(params);                       // leaves whose gradients we want
 *   Tensor loss = x.matmul(w).softplus().sum();
 *   tape.backward(loss);                      // w.grad() now holds d loss / d w
 * }
 * }</pre>
 *
 * <p><strong>Lifetime.</strong> A tensor produced by an op recorded on a {@link Tape} lives in that
 * tape's buffer pool: it stays valid until the tape is {@linkplain Tape#reset() reset}, after which
 * the next recording reuses its memory. Copy out what must outlive a step ({@link #item()},
 * {@link #toArray()}). Tensors made by ops on untaped inputs are ordinary heap objects and carry no
 * gradient.
 *
 * <p>The fluent methods are shorthands for the static ones in {@link Ops}, which document each
 * op's formula and derivative.
 */
public class Tensor {

  DMatrixRMaj value;
  /** Gradient buffer; allocated lazily, same shape as {@link #value} while in use. */
  DMatrixRMaj grad;
  boolean requiresGrad;
  /** The tape this tensor is recorded on (or watched by), null for a constant. */
  Tape tape;

  // ---- the node's recording: which op made it and from what (reset when the pool reuses it) ----
  Backward backward;
  Tensor in0;
  Tensor in1;
  double s0;
  double s1;
  int i0;
  int i1;
  int i2;
  int i3;
  int[] index;
  /** Position in the tape's recording order, -1 for leaves and constants. */
  int position = -1;

  Tensor(DMatrixRMaj value) {
    this.value = value;
  }

  // ------------------------------------------------------------------ factories (constants)

  /** A constant (no gradient) wrapping a copy of {@code m}. */
  public static Tensor constant(DMatrixRMaj m) {
    return new Tensor(m.copy());
  }

  /** A constant 1x1 tensor. */
  public static Tensor scalar(double x) {
    DMatrixRMaj m = new DMatrixRMaj(1, 1);
    m.data[0] = x;
    return new Tensor(m);
  }

  /** A constant from rows of equal length. */
  public static Tensor of(double[][] rows) {
    if (rows.length == 0 || rows[0].length == 0) {
      throw new IllegalArgumentException("Tensor.of: needs at least one row and one column");
    }
    for (int i = 1; i < rows.length; i++) {
      if (rows[i].length != rows[0].length) {
        throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length
            + " columns, row 0 has " + rows[0].length);
      }
    }
    return new Tensor(new DMatrixRMaj(rows));
  }

  /** A constant 1 x n row vector holding a copy of {@code values}. */
  public static Tensor row(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Tensor.row: needs at least one value");
    }
    return new Tensor(new DMatrixRMaj(1, values.length, true, values));
  }

  /** A constant n x 1 column vector holding a copy of {@code values}. */
  public static Tensor column(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Tensor.column: needs at least one value");
    }
    return new Tensor(new DMatrixRMaj(values.length, 1, true, values));
  }

  /** A constant rows x cols tensor of zeros. */
  public static Tensor zeros(int rows, int cols) {
    checkShape("Tensor.zeros", rows, cols);
    return new Tensor(new DMatrixRMaj(rows, cols));
  }

  /** A constant rows x cols tensor filled with {@code x}. */
  public static Tensor filled(int rows, int cols, double x) {
    checkShape("Tensor.filled", rows, cols);
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    Arrays.fill(m.data, 0, rows * cols, x);
    return new Tensor(m);
  }

  /**
   * A leaf that wants a gradient, holding a copy of {@code m}. It takes part in a recording once a
   * tape {@linkplain Tape#watch(Tensor) watches} it; its gradient accumulates across backward passes
   * until {@link #zeroGrad()}.
   */
  public static Tensor variable(DMatrixRMaj m) {
    Tensor t = new Tensor(m.copy());
    t.requiresGrad = true;
    t.grad = new DMatrixRMaj(m.numRows, m.numCols);
    return t;
  }

  static void checkShape(String op, int rows, int cols) {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(op + ": shape must be positive, got " + rows + "x" + cols);
    }
  }

  // ------------------------------------------------------------------ accessors

  public final int rows() {
    return value.numRows;
  }

  public final int cols() {
    return value.numCols;
  }

  /** Number of elements, rows * cols. */
  public final int size() {
    return value.numRows * value.numCols;
  }

  /** The value. Read it, do not modify it (except a {@link Param}'s, between steps). */
  public final DMatrixRMaj value() {
    return value;
  }

  /** Element (r, c) of the value. */
  public final double get(int r, int c) {
    return value.get(r, c);
  }

  /** The value of a 1x1 tensor. */
  public final double item() {
    if (value.numRows != 1 || value.numCols != 1) {
      throw new IllegalStateException("item: tensor is " + shape() + ", not 1x1");
    }
    return value.data[0];
  }

  /** A copy of the value, row by row. */
  public final double[] toArray() {
    return Arrays.copyOf(value.data, size());
  }

  /**
   * The gradient after a backward pass, or null if this tensor took no part in one. For a tape-made
   * tensor it lives as long as the tape's recording.
   */
  public final DMatrixRMaj grad() {
    return grad;
  }

  /** Sets the accumulated gradient of a leaf to zero. */
  public final void zeroGrad() {
    if (grad != null) {
      Arrays.fill(grad.data, 0, grad.numRows * grad.numCols, 0.0);
    }
  }

  /** True if gradients flow back through this tensor. */
  public final boolean requiresGrad() {
    return requiresGrad;
  }

  /** "rows x cols". */
  public final String shape() {
    return value.numRows + "x" + value.numCols;
  }

  @Override
  public String toString() {
    return "Tensor[" + shape() + (requiresGrad ? ", grad" : "") + "]";
  }

  // ------------------------------------------------------------------ fluent shorthands for Ops

  public final Tensor add(Tensor b) { return Ops.add(this, b); }
  public final Tensor add(double b) { return Ops.add(this, b); }
  public final Tensor sub(Tensor b) { return Ops.sub(this, b); }
  public final Tensor sub(double b) { return Ops.add(this, -b); }
  public final Tensor mul(Tensor b) { return Ops.mul(this, b); }
  public final Tensor mul(double b) { return Ops.mul(this, b); }
  public final Tensor div(Tensor b) { return Ops.div(this, b); }
  public final Tensor div(double b) { return Ops.mul(this, 1.0 / b); }
  public final Tensor matmul(Tensor b) { return Ops.matmul(this, b); }
  public final Tensor matmulTransA(Tensor b) { return Ops.matmulTransA(this, b); }
  public final Tensor matmulTransB(Tensor b) { return Ops.matmulTransB(this, b); }
  public final Tensor neg() { return Ops.neg(this); }
  public final Tensor exp() { return Ops.exp(this); }
  public final Tensor log() { return Ops.log(this); }
  public final Tensor log1p() { return Ops.log1p(this); }
  public final Tensor expm1() { return Ops.expm1(this); }
  public final Tensor softplus() { return Ops.softplus(this); }
  public final Tensor sigmoid() { return Ops.sigmoid(this); }
  public final Tensor tanh() { return Ops.tanh(this); }
  public final Tensor relu() { return Ops.relu(this); }
  public final Tensor square() { return Ops.square(this); }
  public final Tensor sqrt() { return Ops.sqrt(this); }
  public final Tensor abs() { return Ops.abs(this); }
  public final Tensor pow(double p) { return Ops.pow(this, p); }
  public final Tensor lgamma() { return Ops.lgamma(this); }
  public final Tensor digamma() { return Ops.digamma(this); }
  public final Tensor sum() { return Ops.sum(this); }
  public final Tensor sumRows() { return Ops.sumRows(this); }
  public final Tensor sumCols() { return Ops.sumCols(this); }
  public final Tensor mean() { return Ops.mean(this); }
  public final Tensor logSumExp() { return Ops.logSumExp(this); }
  public final Tensor softmax() { return Ops.softmax(this); }
  public final Tensor logSoftmax() { return Ops.logSoftmax(this); }
  public final Tensor stopGradient() { return Ops.stopGradient(this); }
  public final Tensor clamp(double lo, double hi) { return Ops.clamp(this, lo, hi); }
  public final Tensor slice(int row0, int row1, int col0, int col1) {
    return Ops.slice(this, row0, row1, col0, col1);
  }
  public final Tensor reshape(int rows, int cols) { return Ops.reshape(this, rows, cols); }
  public final Tensor transpose() { return Ops.transpose(this); }
  public final Tensor gather(int[] columnPerRow) { return Ops.gather(this, columnPerRow); }
  public final Tensor repeatRows(int times) { return Ops.repeatRows(this, times); }
  public final Tensor normalCdf() { return Ops.normalCdf(this); }
  public final Tensor logNormalCdf() { return Ops.logNormalCdf(this); }
  public final Tensor inverseNormalCdf() { return Ops.inverseNormalCdf(this); }

  /**
   * A zero-filled rows x cols constant (no gradient) for noise or masks: from this tensor's tape
   * pool when it is recorded (so the steady state allocates nothing), else a fresh one.
   */
  public final Tensor newConstant(int rows, int cols) {
    return tape != null ? tape.constant(rows, cols) : zeros(rows, cols);
  }
}
