package org.vi4j.core.autodiff;

import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.linalg.Gemm;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The differentiable ops of vi4j's reverse-mode autodiff. Each op (a) checks shapes, naming itself
 * and both shapes on a mismatch; (b) computes its value; (c) when an input wants a gradient, records
 * a stateless backward step that <em>adds</em> into the inputs' gradients and skips inputs that need
 * none; (d) returns the result. See {@link Tape} for recording and memory reuse.
 *
 * <p><strong>Broadcasting.</strong> The element-wise binary ops ({@link #add}, {@link #sub},
 * {@link #mul}, {@link #div}) accept operands whose every dimension either matches or is 1: a 1 x c
 * row vector applies to every row, an r x 1 column to every column, a 1x1 scalar to everything. The
 * backward pass sums the gradient over the broadcast dimensions.
 *
 * <p><strong>Invalid values.</strong> Element-wise ops follow their {@code double} counterparts in
 * {@link Math}: {@code log(-1)} is NaN and {@code log(0)} is -∞, with no exception, exactly as the
 * plain function behaves; the inference loop's divergence guard reports non-finite values. What
 * {@code double} code cannot express (a shape mismatch, an index out of range, {@code clamp} with
 * lo &gt; hi) throws {@link IllegalArgumentException} naming the op.
 *
 * <p>Derivatives at points where a function is not differentiable follow PyTorch: {@code relu'(0) =
 * 0}, {@code abs'(0) = 0}, {@code clamp} passes the gradient on the closed interval [lo, hi].
 */
public final class Ops {

  private Ops() {}

  // ================================================================== recording helpers

  /** The tape of a unary op's input (null: compute eagerly, no gradient). */
  private static Tape tape(Tensor a) {
    return a.tape;
  }

  /** The tape shared by two inputs; refuses two different tapes and unwatched gradient leaves. */
  private static Tape tape(String op, Tensor a, Tensor b) {
    Tape t = a.tape != null ? a.tape : b.tape;
    if (t != null) {
      if (b.tape != null && b.tape != t) {
        throw new IllegalStateException(op + ": the inputs are recorded on two different tapes");
      }
      if (a.tape == null && a.requiresGrad) {
        throw unwatched(op, a);
      }
      if (b.tape == null && b.requiresGrad) {
        throw unwatched(op, b);
      }
    }
    return t;
  }

  private static IllegalStateException unwatched(String op, Tensor t) {
    return new IllegalStateException(op + ": " + t + " wants a gradient but the tape recording this "
        + "op does not watch it; call tape.watch(...) on it first");
  }

  private static Tensor out(Tape tape, int rows, int cols, boolean requiresGrad) {
    if (tape == null) {
      return new Tensor(new DMatrixRMaj(rows, cols));
    }
    return tape.node(rows, cols, requiresGrad);
  }

  /** The output of an element-wise unary op on {@code a}, with {@code a} saved if it needs a gradient. */
  private static Tensor unary(Tensor a, Backward backward) {
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    Tensor o = out(tape, a.rows(), a.cols(), rg);
    if (rg) {
      o.backward = backward;
      o.in0 = a;
    }
    return o;
  }

  // ================================================================== element-wise binary

  private static final int ADD = 0;
  private static final int SUB = 1;
  private static final int MUL = 2;
  private static final int DIV = 3;
  private static final String[] BINARY_NAMES = {"add", "sub", "mul", "div"};

  /** a + b, element-wise with broadcasting. ∂/∂a = 1, ∂/∂b = 1. */
  public static Tensor add(Tensor a, Tensor b) {
    return binary(ADD, a, b);
  }

  /** a − b, element-wise with broadcasting. ∂/∂a = 1, ∂/∂b = −1. */
  public static Tensor sub(Tensor a, Tensor b) {
    return binary(SUB, a, b);
  }

  /** a · b, element-wise with broadcasting. ∂/∂a = b, ∂/∂b = a. */
  public static Tensor mul(Tensor a, Tensor b) {
    return binary(MUL, a, b);
  }

  /** a / b, element-wise with broadcasting. ∂/∂a = 1/b, ∂/∂b = −a/b². Division by 0 gives ±∞ or NaN. */
  public static Tensor div(Tensor a, Tensor b) {
    return binary(DIV, a, b);
  }

  private static int broadcast(int op, String what, int da, int db, Tensor a, Tensor b) {
    if (da == db || db == 1) {
      return da;
    }
    if (da == 1) {
      return db;
    }
    throw new IllegalArgumentException(BINARY_NAMES[op] + ": shapes " + a.shape() + " and "
        + b.shape() + " do not broadcast (" + what + " " + da + " vs " + db
        + "; each dimension must match or be 1)");
  }

  private static Tensor binary(int op, Tensor a, Tensor b) {
    int ra = a.rows();
    int ca = a.cols();
    int rb = b.rows();
    int cb = b.cols();
    int r = broadcast(op, "rows", ra, rb, a, b);
    int c = broadcast(op, "columns", ca, cb, a, b);
    Tape tape = tape(BINARY_NAMES[op], a, b);
    boolean rg = tape != null && (a.requiresGrad || b.requiresGrad);
    Tensor o = out(tape, r, c, rg);
    double[] x = a.value.data;
    double[] y = b.value.data;
    double[] z = o.value.data;
    if (ra == rb && ca == cb) {
      int n = r * c;
      switch (op) {
        case ADD: for (int k = 0; k < n; k++) { z[k] = x[k] + y[k]; } break;
        case SUB: for (int k = 0; k < n; k++) { z[k] = x[k] - y[k]; } break;
        case MUL: for (int k = 0; k < n; k++) { z[k] = x[k] * y[k]; } break;
        default: for (int k = 0; k < n; k++) { z[k] = x[k] / y[k]; } break;
      }
    } else if (ra == r && ca == c && rb == 1 && cb == c) {
      // b is a row vector (1 x c) broadcast over a full a: per-column parameters against
      // particles. Plain unit-stride loops, one per op, so C2 can vectorise them.
      for (int i = 0; i < r; i++) {
        int iz = i * c;
        switch (op) {
          case ADD: for (int j = 0; j < c; j++) { z[iz + j] = x[iz + j] + y[j]; } break;
          case SUB: for (int j = 0; j < c; j++) { z[iz + j] = x[iz + j] - y[j]; } break;
          case MUL: for (int j = 0; j < c; j++) { z[iz + j] = x[iz + j] * y[j]; } break;
          default: for (int j = 0; j < c; j++) { z[iz + j] = x[iz + j] / y[j]; } break;
        }
      }
    } else if (ra == r && ca == c && rb == 1 && cb == 1) {
      double v = y[0];
      int n = r * c;
      switch (op) {
        case ADD: for (int k = 0; k < n; k++) { z[k] = x[k] + v; } break;
        case SUB: for (int k = 0; k < n; k++) { z[k] = x[k] - v; } break;
        case MUL: for (int k = 0; k < n; k++) { z[k] = x[k] * v; } break;
        default: for (int k = 0; k < n; k++) { z[k] = x[k] / v; } break;
      }
    } else {
      for (int i = 0; i < r; i++) {
        int ia = ra == 1 ? 0 : i * ca;
        int ib = rb == 1 ? 0 : i * cb;
        int iz = i * c;
        for (int j = 0; j < c; j++) {
          double u = x[ia + (ca == 1 ? 0 : j)];
          double v = y[ib + (cb == 1 ? 0 : j)];
          double w;
          switch (op) {
            case ADD: w = u + v; break;
            case SUB: w = u - v; break;
            case MUL: w = u * v; break;
            default: w = u / v; break;
          }
          z[iz + j] = w;
        }
      }
    }
    if (rg) {
      o.backward = BINARY_BACKWARD;
      o.in0 = a;
      o.in1 = b;
      o.i0 = op;
    }
    return o;
  }

  private static final Backward BINARY_BACKWARD = Ops::binaryBackward;

  private static void binaryBackward(Tensor o) {
    Tensor a = o.in0;
    Tensor b = o.in1;
    int op = o.i0;
    double[] g = o.grad.data;
    double[] x = a.value.data;
    double[] y = b.value.data;
    double[] z = o.value.data;
    boolean ga = a.requiresGrad;
    boolean gb = b.requiresGrad;
    double[] dx = ga ? a.grad.data : null;
    double[] dy = gb ? b.grad.data : null;
    int r = o.rows();
    int c = o.cols();
    int ra = a.rows();
    int ca = a.cols();
    int rb = b.rows();
    int cb = b.cols();
    if (ra == rb && ca == cb) {
      int n = r * c;
      switch (op) {
        case ADD:
          if (ga) { for (int k = 0; k < n; k++) { dx[k] += g[k]; } }
          if (gb) { for (int k = 0; k < n; k++) { dy[k] += g[k]; } }
          break;
        case SUB:
          if (ga) { for (int k = 0; k < n; k++) { dx[k] += g[k]; } }
          if (gb) { for (int k = 0; k < n; k++) { dy[k] -= g[k]; } }
          break;
        case MUL:
          if (ga) { for (int k = 0; k < n; k++) { dx[k] += g[k] * y[k]; } }
          if (gb) { for (int k = 0; k < n; k++) { dy[k] += g[k] * x[k]; } }
          break;
        default:
          if (ga) { for (int k = 0; k < n; k++) { dx[k] += g[k] / y[k]; } }
          if (gb) { for (int k = 0; k < n; k++) { dy[k] -= g[k] * z[k] / y[k]; } }
          break;
      }
      return;
    }
    if (ra == r && ca == c && rb == 1 && cb == c) {
      rowBroadcastBackward(op, g, x, y, z, dx, dy, r, c);
      return;
    }
    for (int i = 0; i < r; i++) {
      int ia = ra == 1 ? 0 : i * ca;
      int ib = rb == 1 ? 0 : i * cb;
      int iz = i * c;
      for (int j = 0; j < c; j++) {
        int ka = ia + (ca == 1 ? 0 : j);
        int kb = ib + (cb == 1 ? 0 : j);
        double gk = g[iz + j];
        switch (op) {
          case ADD:
            if (ga) { dx[ka] += gk; }
            if (gb) { dy[kb] += gk; }
            break;
          case SUB:
            if (ga) { dx[ka] += gk; }
            if (gb) { dy[kb] -= gk; }
            break;
          case MUL:
            if (ga) { dx[ka] += gk * y[kb]; }
            if (gb) { dy[kb] += gk * x[ka]; }
            break;
          default:
            if (ga) { dx[ka] += gk / y[kb]; }
            if (gb) { dy[kb] -= gk * z[iz + j] / y[kb]; }
            break;
        }
      }
    }
  }

  /** Backward of a binary op whose b is a row vector broadcast over a full r x c a. */
  private static void rowBroadcastBackward(int op, double[] g, double[] x, double[] y, double[] z,
      double[] dx, double[] dy, int r, int c) {
    for (int i = 0; i < r; i++) {
      int iz = i * c;
      switch (op) {
        case ADD:
          if (dx != null) { for (int j = 0; j < c; j++) { dx[iz + j] += g[iz + j]; } }
          if (dy != null) { for (int j = 0; j < c; j++) { dy[j] += g[iz + j]; } }
          break;
        case SUB:
          if (dx != null) { for (int j = 0; j < c; j++) { dx[iz + j] += g[iz + j]; } }
          if (dy != null) { for (int j = 0; j < c; j++) { dy[j] -= g[iz + j]; } }
          break;
        case MUL:
          if (dx != null) { for (int j = 0; j < c; j++) { dx[iz + j] += g[iz + j] * y[j]; } }
          if (dy != null) { for (int j = 0; j < c; j++) { dy[j] += g[iz + j] * x[iz + j]; } }
          break;
        default:
          if (dx != null) { for (int j = 0; j < c; j++) { dx[iz + j] += g[iz + j] / y[j]; } }
          if (dy != null) { for (int j = 0; j < c; j++) { dy[j] -= g[iz + j] * z[iz + j] / y[j]; } }
          break;
      }
    }
  }

  /** a + s for a constant s. ∂/∂a = 1. */
  public static Tensor add(Tensor a, double s) {
    Tensor o = unary(a, PASS_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = x[k] + s;
    }
    return o;
  }

  /** a · s for a constant s. ∂/∂a = s. */
  public static Tensor mul(Tensor a, double s) {
    Tensor o = unary(a, SCALE_BACKWARD);
    o.s0 = s;
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = x[k] * s;
    }
    return o;
  }

  /** −a. ∂/∂a = −1. */
  public static Tensor neg(Tensor a) {
    return mul(a, -1.0);
  }

  private static final Backward PASS_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k];
    }
  };

  private static final Backward SCALE_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    double s = o.s0;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * s;
    }
  };

  // ================================================================== products

  /** a · b (matrix product). ∂/∂a = g·bᵀ, ∂/∂b = aᵀ·g, computed without materialising transposes. */
  public static Tensor matmul(Tensor a, Tensor b) {
    return product("matmul", a, b, false, false);
  }

  /** aᵀ · b without forming aᵀ. ∂/∂a = b·gᵀ, ∂/∂b = a·g. */
  public static Tensor matmulTransA(Tensor a, Tensor b) {
    return product("matmulTransA", a, b, true, false);
  }

  /** a · bᵀ without forming bᵀ (e.g. x·Wᵀ for a weight W stored out x in). ∂/∂a = g·b, ∂/∂b = gᵀ·a. */
  public static Tensor matmulTransB(Tensor a, Tensor b) {
    return product("matmulTransB", a, b, false, true);
  }

  private static Tensor product(String op, Tensor a, Tensor b, boolean ta, boolean tb) {
    int m = ta ? a.cols() : a.rows();
    int ka = ta ? a.rows() : a.cols();
    int kb = tb ? b.cols() : b.rows();
    int n = tb ? b.rows() : b.cols();
    if (ka != kb) {
      throw new IllegalArgumentException(op + ": " + (ta ? "rows" : "columns") + " of a (" + ka
          + ") != " + (tb ? "columns" : "rows") + " of b (" + kb + "); a is " + a.shape() + ", b is "
          + b.shape());
    }
    Tape tape = tape(op, a, b);
    boolean rg = tape != null && (a.requiresGrad || b.requiresGrad);
    Tensor o = out(tape, m, n, rg);
    Gemm gemm = tape != null ? tape.gemm() : Gemm.defaultGemm();
    gemm.gemm(ta, tb, 1.0, a.value, b.value, 0.0, o.value);
    if (rg) {
      o.backward = PRODUCT_BACKWARD;
      o.in0 = a;
      o.in1 = b;
      o.i0 = (ta ? 1 : 0) | (tb ? 2 : 0);
    }
    return o;
  }

  private static final Backward PRODUCT_BACKWARD = o -> {
    Tensor a = o.in0;
    Tensor b = o.in1;
    DMatrixRMaj g = o.grad;
    Gemm gemm = o.tape.gemm();
    switch (o.i0) {
      case 0: // C = A B
        if (a.requiresGrad) { gemm.gemm(false, true, 1.0, g, b.value, 1.0, a.grad); }
        if (b.requiresGrad) { gemm.gemm(true, false, 1.0, a.value, g, 1.0, b.grad); }
        break;
      case 1: // C = Aᵀ B
        if (a.requiresGrad) { gemm.gemm(false, true, 1.0, b.value, g, 1.0, a.grad); }
        if (b.requiresGrad) { gemm.gemm(false, false, 1.0, a.value, g, 1.0, b.grad); }
        break;
      default: // C = A Bᵀ
        if (a.requiresGrad) { gemm.gemm(false, false, 1.0, g, b.value, 1.0, a.grad); }
        if (b.requiresGrad) { gemm.gemm(true, false, 1.0, g, a.value, 1.0, b.grad); }
        break;
    }
  };

  // ================================================================== element-wise unary

  /** eˣ. ∂/∂x = eˣ. */
  public static Tensor exp(Tensor a) {
    Tensor o = unary(a, EXP_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = Math.exp(x[k]);
    }
    return o;
  }

  private static final Backward EXP_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] z = o.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * z[k];
    }
  };

  /** log x (NaN for x &lt; 0, −∞ at 0). ∂/∂x = 1/x. */
  public static Tensor log(Tensor a) {
    Tensor o = unary(a, LOG_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = Math.log(x[k]);
    }
    return o;
  }

  private static final Backward LOG_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] / x[k];
    }
  };

  /** log(1 + x), accurate near 0 (NaN for x &lt; −1). ∂/∂x = 1/(1 + x). */
  public static Tensor log1p(Tensor a) {
    Tensor o = unary(a, LOG1P_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = Math.log1p(x[k]);
    }
    return o;
  }

  private static final Backward LOG1P_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] / (1.0 + x[k]);
    }
  };

  /** eˣ − 1, accurate near 0. ∂/∂x = eˣ. */
  public static Tensor expm1(Tensor a) {
    Tensor o = unary(a, EXPM1_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = Math.expm1(x[k]);
    }
    return o;
  }

  private static final Backward EXPM1_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] z = o.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * (z[k] + 1.0);
    }
  };

  /** softplus(x) = log(1 + eˣ), stable for large |x|. ∂/∂x = σ(x). */
  public static Tensor softplus(Tensor a) {
    Tensor o = unary(a, SOFTPLUS_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = SpecialFunctions.log1pexp(x[k]);
    }
    return o;
  }

  private static final Backward SOFTPLUS_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * sigmoid(x[k]);
    }
  };

  /** σ(x) = 1/(1 + e⁻ˣ), stable for large |x|. ∂/∂x = σ(x)(1 − σ(x)). */
  public static Tensor sigmoid(Tensor a) {
    Tensor o = unary(a, SIGMOID_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = sigmoid(x[k]);
    }
    return o;
  }

  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  private static final Backward SIGMOID_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] z = o.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * z[k] * (1.0 - z[k]);
    }
  };

  /** tanh x. ∂/∂x = 1 − tanh²x. */
  public static Tensor tanh(Tensor a) {
    Tensor o = unary(a, TANH_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = Math.tanh(x[k]);
    }
    return o;
  }

  private static final Backward TANH_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] z = o.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * (1.0 - z[k] * z[k]);
    }
  };

  /** max(x, 0). ∂/∂x = 1 for x &gt; 0, else 0. */
  public static Tensor relu(Tensor a) {
    Tensor o = unary(a, RELU_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = x[k] > 0 ? x[k] : (x[k] <= 0 ? 0.0 : x[k]); // NaN stays NaN
    }
    return o;
  }

  private static final Backward RELU_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      if (x[k] > 0) {
        dx[k] += g[k];
      }
    }
  };

  /** x². ∂/∂x = 2x. */
  public static Tensor square(Tensor a) {
    Tensor o = unary(a, SQUARE_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = x[k] * x[k];
    }
    return o;
  }

  private static final Backward SQUARE_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += 2.0 * g[k] * x[k];
    }
  };

  /** √x (NaN for x &lt; 0). ∂/∂x = 1/(2√x). */
  public static Tensor sqrt(Tensor a) {
    Tensor o = unary(a, SQRT_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = Math.sqrt(x[k]);
    }
    return o;
  }

  private static final Backward SQRT_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] z = o.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += 0.5 * g[k] / z[k];
    }
  };

  /** |x|. ∂/∂x = sign(x), 0 at 0. */
  public static Tensor abs(Tensor a) {
    Tensor o = unary(a, ABS_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = Math.abs(x[k]);
    }
    return o;
  }

  private static final Backward ABS_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * Math.signum(x[k]);
    }
  };

  /** xᵖ for a constant exponent p, as {@link Math#pow}. ∂/∂x = p·xᵖ⁻¹. */
  public static Tensor pow(Tensor a, double p) {
    Tensor o = unary(a, POW_BACKWARD);
    o.s0 = p;
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = Math.pow(x[k], p);
    }
    return o;
  }

  private static final Backward POW_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    double p = o.s0;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * p * Math.pow(x[k], p - 1.0);
    }
  };

  /** log Γ(x) (x &gt; 0; +∞ at 0, NaN below as {@link SpecialFunctions#lgamma}). ∂/∂x = ψ(x). */
  public static Tensor lgamma(Tensor a) {
    Tensor o = unary(a, LGAMMA_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = SpecialFunctions.lgamma(x[k]);
    }
    return o;
  }

  private static final Backward LGAMMA_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * SpecialFunctions.digamma(x[k]);
    }
  };

  /** ψ(x) = d/dx log Γ(x). ∂/∂x = ψ₁(x) (trigamma). */
  public static Tensor digamma(Tensor a) {
    Tensor o = unary(a, DIGAMMA_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = SpecialFunctions.digamma(x[k]);
    }
    return o;
  }

  private static final Backward DIGAMMA_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * SpecialFunctions.trigamma(x[k]);
    }
  };

  /** min(max(x, lo), hi); {@code lo <= hi}. ∂/∂x = 1 on [lo, hi], else 0. NaN stays NaN. */
  public static Tensor clamp(Tensor a, double lo, double hi) {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("clamp: lo (" + lo + ") must be <= hi (" + hi + ")");
    }
    Tensor o = unary(a, CLAMP_BACKWARD);
    o.s0 = lo;
    o.s1 = hi;
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      double v = x[k];
      z[k] = v < lo ? lo : (v > hi ? hi : v);
    }
    return o;
  }

  private static final Backward CLAMP_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    double lo = o.s0;
    double hi = o.s1;
    for (int k = 0, n = o.size(); k < n; k++) {
      if (x[k] >= lo && x[k] <= hi) {
        dx[k] += g[k];
      }
    }
  };

  /** The same value with no gradient flowing back: Pyro's {@code detach}, for surrogate objectives. */
  public static Tensor stopGradient(Tensor a) {
    Tensor o = out(tape(a), a.rows(), a.cols(), false);
    System.arraycopy(a.value.data, 0, o.value.data, 0, a.size());
    return o;
  }

  // ================================================================== reductions

  /** Σ of all elements, 1x1. ∂/∂x = 1. */
  public static Tensor sum(Tensor a) {
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    Tensor o = out(tape, 1, 1, rg);
    double s = 0;
    double[] x = a.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      s += x[k];
    }
    o.value.data[0] = s;
    if (rg) {
      o.backward = SUM_BACKWARD;
      o.in0 = a;
      o.s0 = 1.0;
    }
    return o;
  }

  /** Mean of all elements, 1x1. ∂/∂x = 1/n. */
  public static Tensor mean(Tensor a) {
    Tensor o = sum(a);
    double scale = 1.0 / a.size();
    o.value.data[0] *= scale;
    o.s0 = scale;
    return o;
  }

  private static final Backward SUM_BACKWARD = o -> {
    double gk = o.grad.data[0] * o.s0;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.in0.size(); k < n; k++) {
      dx[k] += gk;
    }
  };

  /** The sum of each row: r x c → r x 1 (EJML's {@code sumRows}). ∂/∂x_ij = g_i. */
  public static Tensor sumRows(Tensor a) {
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    int r = a.rows();
    int c = a.cols();
    Tensor o = out(tape, r, 1, rg);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int i = 0; i < r; i++) {
      double s = 0;
      for (int j = 0, k = i * c; j < c; j++, k++) {
        s += x[k];
      }
      z[i] = s;
    }
    if (rg) {
      o.backward = SUM_ROWS_BACKWARD;
      o.in0 = a;
    }
    return o;
  }

  private static final Backward SUM_ROWS_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    int r = o.in0.rows();
    int c = o.in0.cols();
    for (int i = 0; i < r; i++) {
      double gi = g[i];
      for (int j = 0, k = i * c; j < c; j++, k++) {
        dx[k] += gi;
      }
    }
  };

  /** The sum of each column: r x c → 1 x c (EJML's {@code sumCols}). ∂/∂x_ij = g_j. */
  public static Tensor sumCols(Tensor a) {
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    int r = a.rows();
    int c = a.cols();
    Tensor o = out(tape, 1, c, rg);
    double[] x = a.value.data;
    double[] z = o.value.data;
    java.util.Arrays.fill(z, 0, c, 0.0);
    for (int i = 0; i < r; i++) {
      for (int j = 0, k = i * c; j < c; j++, k++) {
        z[j] += x[k];
      }
    }
    if (rg) {
      o.backward = SUM_COLS_BACKWARD;
      o.in0 = a;
    }
    return o;
  }

  private static final Backward SUM_COLS_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    int r = o.in0.rows();
    int c = o.in0.cols();
    for (int i = 0; i < r; i++) {
      for (int j = 0, k = i * c; j < c; j++, k++) {
        dx[k] += g[j];
      }
    }
  };

  /**
   * log Σ_j exp(x_ij) over each row, r x c → r x 1, computed around the row maximum so it neither
   * overflows nor underflows; a row of −∞ gives −∞. ∂/∂x_ij = softmax(x)_ij.
   */
  public static Tensor logSumExp(Tensor a) {
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    int r = a.rows();
    int c = a.cols();
    Tensor o = out(tape, r, 1, rg);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int i = 0; i < r; i++) {
      z[i] = rowLogSumExp(x, i * c, c);
    }
    if (rg) {
      o.backward = LSE_BACKWARD;
      o.in0 = a;
    }
    return o;
  }

  private static double rowLogSumExp(double[] x, int from, int n) {
    double m = rowMax(x, from, n);
    if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY || Double.isNaN(m)) {
      return m;
    }
    return m + Math.log(rowSumExp(x, from, n, m));
  }

  /** The row maximum, NaN if the row holds one. */
  private static double rowMax(double[] x, int from, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int k = from; k < from + n; k++) {
      if (x[k] > m || Double.isNaN(x[k])) {
        m = x[k];
        if (Double.isNaN(m)) {
          return m;
        }
      }
    }
    return m;
  }

  /** Σ exp(x_k − m) over the row. */
  private static double rowSumExp(double[] x, int from, int n, double m) {
    double s = 0;
    for (int k = from; k < from + n; k++) {
      s += Math.exp(x[k] - m);
    }
    return s;
  }

  private static final Backward LSE_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] z = o.value.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    int r = o.in0.rows();
    int c = o.in0.cols();
    for (int i = 0; i < r; i++) {
      if (z[i] == Double.NEGATIVE_INFINITY) {
        continue;
      }
      double gi = g[i];
      double lse = z[i];
      for (int j = 0, k = i * c; j < c; j++, k++) {
        dx[k] += gi * Math.exp(x[k] - lse);
      }
    }
  };

  /** softmax over each row: exp(x_ij − logSumExp_i). ∂: dx_ij = y_ij (g_ij − Σ_k g_ik y_ik). */
  public static Tensor softmax(Tensor a) {
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    int r = a.rows();
    int c = a.cols();
    Tensor o = out(tape, r, c, rg);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int i = 0; i < r; i++) {
      // exp(x − m) / Σ exp(x − m): exact where exp(x − logSumExp) would round logSumExp first
      double m = rowMax(x, i * c, c);
      if (Double.isInfinite(m) || Double.isNaN(m)) {
        double lse = rowLogSumExp(x, i * c, c);
        for (int j = 0, k = i * c; j < c; j++, k++) {
          z[k] = Math.exp(x[k] - lse);
        }
        continue;
      }
      double inv = 1.0 / rowSumExp(x, i * c, c, m);
      for (int j = 0, k = i * c; j < c; j++, k++) {
        z[k] = Math.exp(x[k] - m) * inv;
      }
    }
    if (rg) {
      o.backward = SOFTMAX_BACKWARD;
      o.in0 = a;
    }
    return o;
  }

  private static final Backward SOFTMAX_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] y = o.value.data;
    double[] dx = o.in0.grad.data;
    int r = o.rows();
    int c = o.cols();
    for (int i = 0; i < r; i++) {
      double dot = 0;
      for (int j = 0, k = i * c; j < c; j++, k++) {
        dot += g[k] * y[k];
      }
      for (int j = 0, k = i * c; j < c; j++, k++) {
        dx[k] += y[k] * (g[k] - dot);
      }
    }
  };

  /** log softmax over each row: x_ij − logSumExp_i. ∂: dx_ij = g_ij − exp(y_ij) Σ_k g_ik. */
  public static Tensor logSoftmax(Tensor a) {
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    int r = a.rows();
    int c = a.cols();
    Tensor o = out(tape, r, c, rg);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int i = 0; i < r; i++) {
      // (x − m) − log Σ exp(x − m): the subtraction of m is exact near the maximum
      double m = rowMax(x, i * c, c);
      if (Double.isInfinite(m) || Double.isNaN(m)) {
        double lse = rowLogSumExp(x, i * c, c);
        for (int j = 0, k = i * c; j < c; j++, k++) {
          z[k] = x[k] - lse;
        }
        continue;
      }
      double logS = Math.log(rowSumExp(x, i * c, c, m));
      for (int j = 0, k = i * c; j < c; j++, k++) {
        z[k] = (x[k] - m) - logS;
      }
    }
    if (rg) {
      o.backward = LOG_SOFTMAX_BACKWARD;
      o.in0 = a;
    }
    return o;
  }

  private static final Backward LOG_SOFTMAX_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] y = o.value.data;
    double[] dx = o.in0.grad.data;
    int r = o.rows();
    int c = o.cols();
    for (int i = 0; i < r; i++) {
      double gs = 0;
      for (int j = 0, k = i * c; j < c; j++, k++) {
        gs += g[k];
      }
      for (int j = 0, k = i * c; j < c; j++, k++) {
        dx[k] += g[k] - Math.exp(y[k]) * gs;
      }
    }
  };

  // ================================================================== normal CDF family

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  /** Φ(x), the standard normal CDF. ∂/∂x = φ(x) = exp(−x²/2)/√(2π). */
  public static Tensor normalCdf(Tensor a) {
    Tensor o = unary(a, NORMAL_CDF_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = SpecialFunctions.normalCdf(x[k]);
    }
    return o;
  }

  private static final Backward NORMAL_CDF_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * Math.exp(-0.5 * x[k] * x[k] - LOG_SQRT_2PI);
    }
  };

  /**
   * log Φ(x), accurate far into the lower tail (x = −40). ∂/∂x = φ(x)/Φ(x), formed as
   * exp(log φ(x) − log Φ(x)) so it stays finite (≈ −x) where both underflow.
   */
  public static Tensor logNormalCdf(Tensor a) {
    Tensor o = unary(a, LOG_NORMAL_CDF_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = SpecialFunctions.logNormalCdf(x[k]);
    }
    return o;
  }

  private static final Backward LOG_NORMAL_CDF_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] x = o.in0.value.data;
    double[] z = o.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * Math.exp(-0.5 * x[k] * x[k] - LOG_SQRT_2PI - z[k]);
    }
  };

  /** Φ⁻¹(p) for p in (0, 1) (±∞ at 0 and 1, NaN outside). ∂/∂p = 1/φ(Φ⁻¹(p)). */
  public static Tensor inverseNormalCdf(Tensor a) {
    Tensor o = unary(a, INVERSE_NORMAL_CDF_BACKWARD);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int k = 0, n = a.size(); k < n; k++) {
      z[k] = SpecialFunctions.inverseNormalCdf(x[k]);
    }
    return o;
  }

  private static final Backward INVERSE_NORMAL_CDF_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] z = o.value.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k] * Math.exp(0.5 * z[k] * z[k] + LOG_SQRT_2PI);
    }
  };

  // ================================================================== particles

  /**
   * Stacks {@code times} copies of a: r x c → (times·r) x c, row p·r + i = row i of a (the
   * particle-major layout of local latents). ∂ sums the gradient over the copies.
   */
  public static Tensor repeatRows(Tensor a, int times) {
    if (times <= 0) {
      throw new IllegalArgumentException("repeatRows: times must be positive, got " + times);
    }
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    int n = a.size();
    Tensor o = out(tape, times * a.rows(), a.cols(), rg);
    for (int p = 0; p < times; p++) {
      System.arraycopy(a.value.data, 0, o.value.data, p * n, n);
    }
    if (rg) {
      o.backward = REPEAT_ROWS_BACKWARD;
      o.in0 = a;
      o.i0 = times;
    }
    return o;
  }

  private static final Backward REPEAT_ROWS_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    int n = o.in0.size();
    for (int p = 0, times = o.i0; p < times; p++) {
      for (int k = 0, base = p * n; k < n; k++) {
        dx[k] += g[base + k];
      }
    }
  };

  /**
   * Draws G ~ Gamma(α, 1) element-wise for {@code particles} particles: an r x c tensor of shapes
   * gives a (particles·r) x c tensor in particle-major order. Differentiable in α by implicit
   * reparameterisation (Figurnov et al. 2018): ∂G/∂α = −(∂P(α, G)/∂α) / p(G; α), the derivative of
   * the quantile at the draw's fixed CDF value. Shapes must be positive (a non-positive or NaN shape
   * is refused by the sampler).
   */
  public static Tensor sampleStandardGamma(Tensor shape, int particles, Rng rng) {
    if (particles <= 0) {
      throw new IllegalArgumentException("sampleStandardGamma: particles must be positive, got "
          + particles);
    }
    Tape tape = tape(shape);
    boolean rg = tape != null && shape.requiresGrad;
    int n = shape.size();
    Tensor o = out(tape, particles * shape.rows(), shape.cols(), rg);
    double[] a = shape.value.data;
    double[] z = o.value.data;
    for (int p = 0; p < particles; p++) {
      for (int k = 0; k < n; k++) {
        z[p * n + k] = Samplers.gamma(rng, a[k], 1.0);
      }
    }
    if (rg) {
      o.backward = STANDARD_GAMMA_BACKWARD;
      o.in0 = shape;
      o.i0 = particles;
    }
    return o;
  }

  /**
   * Shape by shape (the per-shape work of {@link GammaImplicit.ShapeGradient#reset} is shared by
   * all particles), accumulating over particles in the same order as a particle-major sweep.
   */
  private static final Backward STANDARD_GAMMA_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] z = o.value.data;
    double[] a = o.in0.value.data;
    double[] da = o.in0.grad.data;
    int n = o.in0.size();
    int particles = o.i0;
    GammaImplicit.ShapeGradient shapeGradient = new GammaImplicit.ShapeGradient();
    for (int k = 0; k < n; k++) {
      boolean prepared = false;
      double acc = da[k];
      for (int p = 0, i = k; p < particles; p++, i += n) {
        double gk = g[i];
        if (gk != 0) {
          if (!prepared) {
            shapeGradient.reset(a[k]);
            prepared = true;
          }
          acc += gk * shapeGradient.dxda(z[i]);
        }
      }
      da[k] = acc;
    }
  };

  // ================================================================== shape ops

  /** [a b]: a and b side by side (equal row counts). ∂ splits the gradient by columns. */
  public static Tensor concatColumns(Tensor a, Tensor b) {
    if (a.rows() != b.rows()) {
      throw new IllegalArgumentException("concatColumns: rows differ: a is " + a.shape() + ", b is "
          + b.shape());
    }
    Tape tape = tape("concatColumns", a, b);
    boolean rg = tape != null && (a.requiresGrad || b.requiresGrad);
    int r = a.rows();
    int ca = a.cols();
    int cb = b.cols();
    Tensor o = out(tape, r, ca + cb, rg);
    double[] z = o.value.data;
    for (int i = 0; i < r; i++) {
      System.arraycopy(a.value.data, i * ca, z, i * (ca + cb), ca);
      System.arraycopy(b.value.data, i * cb, z, i * (ca + cb) + ca, cb);
    }
    if (rg) {
      o.backward = CONCAT_COLUMNS_BACKWARD;
      o.in0 = a;
      o.in1 = b;
    }
    return o;
  }

  private static final Backward CONCAT_COLUMNS_BACKWARD = o -> {
    Tensor a = o.in0;
    Tensor b = o.in1;
    double[] g = o.grad.data;
    int r = o.rows();
    int ca = a.cols();
    int cb = b.cols();
    int c = ca + cb;
    for (int i = 0; i < r; i++) {
      if (a.requiresGrad) {
        double[] dx = a.grad.data;
        for (int j = 0; j < ca; j++) {
          dx[i * ca + j] += g[i * c + j];
        }
      }
      if (b.requiresGrad) {
        double[] dy = b.grad.data;
        for (int j = 0; j < cb; j++) {
          dy[i * cb + j] += g[i * c + ca + j];
        }
      }
    }
  };

  /** [a; b]: a above b (equal column counts). ∂ splits the gradient by rows. */
  public static Tensor concatRows(Tensor a, Tensor b) {
    if (a.cols() != b.cols()) {
      throw new IllegalArgumentException("concatRows: columns differ: a is " + a.shape() + ", b is "
          + b.shape());
    }
    Tape tape = tape("concatRows", a, b);
    boolean rg = tape != null && (a.requiresGrad || b.requiresGrad);
    Tensor o = out(tape, a.rows() + b.rows(), a.cols(), rg);
    System.arraycopy(a.value.data, 0, o.value.data, 0, a.size());
    System.arraycopy(b.value.data, 0, o.value.data, a.size(), b.size());
    if (rg) {
      o.backward = CONCAT_ROWS_BACKWARD;
      o.in0 = a;
      o.in1 = b;
    }
    return o;
  }

  private static final Backward CONCAT_ROWS_BACKWARD = o -> {
    Tensor a = o.in0;
    Tensor b = o.in1;
    double[] g = o.grad.data;
    int na = a.size();
    if (a.requiresGrad) {
      double[] dx = a.grad.data;
      for (int k = 0; k < na; k++) {
        dx[k] += g[k];
      }
    }
    if (b.requiresGrad) {
      double[] dy = b.grad.data;
      for (int k = 0, nb = b.size(); k < nb; k++) {
        dy[k] += g[na + k];
      }
    }
  };

  /**
   * The block of rows [row0, row1) and columns [col0, col1) (half-open, like {@code
   * CommonOps_DDRM.extract}). ∂ adds the gradient into that block.
   */
  public static Tensor slice(Tensor a, int row0, int row1, int col0, int col1) {
    if (row0 < 0 || row0 >= row1 || row1 > a.rows() || col0 < 0 || col0 >= col1 || col1 > a.cols()) {
      throw new IllegalArgumentException("slice: rows [" + row0 + ", " + row1 + ") and columns ["
          + col0 + ", " + col1 + ") are not a non-empty block of a " + a.shape() + " tensor");
    }
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    int r = row1 - row0;
    int c = col1 - col0;
    Tensor o = out(tape, r, c, rg);
    int ca = a.cols();
    for (int i = 0; i < r; i++) {
      System.arraycopy(a.value.data, (row0 + i) * ca + col0, o.value.data, i * c, c);
    }
    if (rg) {
      o.backward = SLICE_BACKWARD;
      o.in0 = a;
      o.i0 = row0;
      o.i1 = col0;
    }
    return o;
  }

  private static final Backward SLICE_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    int r = o.rows();
    int c = o.cols();
    int ca = o.in0.cols();
    for (int i = 0; i < r; i++) {
      int base = (o.i0 + i) * ca + o.i1;
      for (int j = 0; j < c; j++) {
        dx[base + j] += g[i * c + j];
      }
    }
  };

  /**
   * Picks one column per row: out_i = a[i, columnPerRow[i]], r x c → r x 1 (e.g. the log
   * probability of each row's observed category). ∂ scatters g_i back to that element.
   *
   * @param columnPerRow one column index per row, each in [0, cols). Not modified; copied.
   */
  public static Tensor gather(Tensor a, int[] columnPerRow) {
    int r = a.rows();
    int c = a.cols();
    if (columnPerRow.length != r) {
      throw new IllegalArgumentException("gather: " + columnPerRow.length + " indices for a "
          + a.shape() + " tensor; need one per row (" + r + ")");
    }
    for (int i = 0; i < r; i++) {
      if (columnPerRow[i] < 0 || columnPerRow[i] >= c) {
        throw new IllegalArgumentException("gather: index " + columnPerRow[i] + " at row " + i
            + " is outside [0, " + c + ")");
      }
    }
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    Tensor o = out(tape, r, 1, rg);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int i = 0; i < r; i++) {
      z[i] = x[i * c + columnPerRow[i]];
    }
    if (rg) {
      if (o.index == null || o.index.length < r) {
        o.index = new int[r];
      }
      System.arraycopy(columnPerRow, 0, o.index, 0, r);
      o.backward = GATHER_BACKWARD;
      o.in0 = a;
    }
    return o;
  }

  private static final Backward GATHER_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    int r = o.rows();
    int c = o.in0.cols();
    int[] idx = o.index;
    for (int i = 0; i < r; i++) {
      dx[i * c + idx[i]] += g[i];
    }
  };

  // ================================================================== shape (VAE / IWAE issue)

  /**
   * The same elements, row by row, in a rows x cols shape (row-major order is kept: element k of
   * a is element k of the result). E.g. a (particles·B) x 1 per-row term becomes particles x B.
   * ∂ reshapes the gradient back. The element count must match.
   */
  public static Tensor reshape(Tensor a, int rows, int cols) {
    Tensor.checkShape("reshape", rows, cols);
    if ((long) rows * cols != a.size()) {
      throw new IllegalArgumentException("reshape: " + a.shape() + " has " + a.size()
          + " elements, " + rows + "x" + cols + " needs " + ((long) rows * cols));
    }
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    Tensor o = out(tape, rows, cols, rg);
    System.arraycopy(a.value.data, 0, o.value.data, 0, a.size());
    if (rg) {
      o.backward = RESHAPE_BACKWARD;
      o.in0 = a;
    }
    return o;
  }

  private static final Backward RESHAPE_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    for (int k = 0, n = o.size(); k < n; k++) {
      dx[k] += g[k];
    }
  };

  /** aᵀ: r x c → c x r. ∂ transposes the gradient back. */
  public static Tensor transpose(Tensor a) {
    Tape tape = tape(a);
    boolean rg = tape != null && a.requiresGrad;
    int r = a.rows();
    int c = a.cols();
    Tensor o = out(tape, c, r, rg);
    double[] x = a.value.data;
    double[] z = o.value.data;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        z[j * r + i] = x[i * c + j];
      }
    }
    if (rg) {
      o.backward = TRANSPOSE_BACKWARD;
      o.in0 = a;
    }
    return o;
  }

  private static final Backward TRANSPOSE_BACKWARD = o -> {
    double[] g = o.grad.data;
    double[] dx = o.in0.grad.data;
    int r = o.in0.rows();
    int c = o.in0.cols();
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        dx[i * c + j] += g[j * r + i];
      }
    }
  };
}
