package org.vi4j.core.testing;

import java.util.Random;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;

/**
 * Compares reverse-mode gradients with central finite differences (Stan's
 * {@code finite_diff_gradient}). A function of several tensors with any output shape is reduced to
 * a scalar by a fixed random weighting of its outputs, {@code L = Σ w_ij f_ij}, so one backward pass
 * checks the whole vector–Jacobian product in a random direction.
 *
 * <pre>{@code
 * double err = GradientCheck.maxError(in -> in[0].matmul(in[1]).tanh(), a, b);
 * assertTrue(err < 1e-6);
 * }</pre>
 *
 * <p>The error of one coordinate is {@code |analytic − numeric| / max(1, |analytic|, |numeric|)}:
 * relative for large gradients, absolute for small ones. The step is relative, {@code h·|x|}
 * ({@code h} at 0).
 */
public final class GradientCheck {

  /** Default relative step: central differences then err by O(h²) ≈ 1e-10 plus O(ε/h) ≈ 1e-11. */
  public static final double STEP = 1e-5;

  private GradientCheck() {}

  /** The largest error over all coordinates of all inputs, with the default step. */
  public static double maxError(Function<Tensor[], Tensor> f, DMatrixRMaj... points) {
    return maxError(f, STEP, points);
  }

  /**
   * @param f the function under test; it must use only its arguments and constants
   * @param h relative finite-difference step
   * @param points where to evaluate. Not modified.
   */
  public static double maxError(Function<Tensor[], Tensor> f, double h, DMatrixRMaj... points) {
    Tensor[] vars = new Tensor[points.length];
    try (Tape tape = Tape.record()) {
      for (int i = 0; i < points.length; i++) {
        vars[i] = tape.watch(Tensor.variable(points[i]));
      }
      Tensor out = f.apply(vars);
      double[] w = weights(out.size());
      Tensor loss = out.mul(Tensor.constant(new DMatrixRMaj(out.rows(), out.cols(), true, w))).sum();
      tape.backward(loss);
    }
    double worst = 0;
    for (int i = 0; i < points.length; i++) {
      DMatrixRMaj analytic = vars[i].grad();
      for (int k = 0; k < points[i].getNumElements(); k++) {
        double x = points[i].data[k];
        double step = h * (x != 0 ? Math.abs(x) : 1.0);
        double[] up = evaluate(f, points, i, k, x + step);
        double[] down = evaluate(f, points, i, k, x - step);
        double[] w = weights(up.length);
        // Sum the differences of each output rather than differencing two sums: outputs that do not
        // move cancel exactly instead of drowning the change in round-off.
        double diff = 0;
        for (int j = 0; j < up.length; j++) {
          double d = up[j] - down[j];
          if (d != 0) {
            diff += w[j] * d;
          }
        }
        double numeric = diff / (2 * step);
        double a = analytic.data[k];
        double err = Math.abs(a - numeric) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(numeric)));
        if (!(err <= worst)) {
          worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
        }
      }
    }
    return worst;
  }

  private static double[] evaluate(Function<Tensor[], Tensor> f, DMatrixRMaj[] points, int which,
      int k, double value) {
    Tensor[] consts = new Tensor[points.length];
    for (int i = 0; i < points.length; i++) {
      DMatrixRMaj m = points[i].copy();
      if (i == which) {
        m.data[k] = value;
      }
      consts[i] = Tensor.constant(m);
    }
    return f.apply(consts).toArray();
  }

  /** Fixed pseudo-random weights in [0.5, 1.5) so no output's contribution cancels. */
  private static double[] weights(int n) {
    Random r = new Random(7919L * n);
    double[] w = new double[n];
    for (int j = 0; j < n; j++) {
      w[j] = 0.5 + r.nextDouble();
    }
    return w;
  }

  /** A rows x cols matrix of uniform values in [lo, hi). */
  public static DMatrixRMaj uniform(Random r, int rows, int cols, double lo, double hi) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int j = 0; j < m.data.length; j++) {
      m.data[j] = lo + (hi - lo) * r.nextDouble();
    }
    return m;
  }

  /** A 1 x n row of the given values. */
  public static DMatrixRMaj row(double... v) {
    return new DMatrixRMaj(1, v.length, true, v);
  }
}
