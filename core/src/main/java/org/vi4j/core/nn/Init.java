package org.vi4j.core.nn;

import java.util.Arrays;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.random.Rng;

/**
 * Seeded initialisation schemes for a weight matrix with fan-in n<sub>in</sub> and fan-out
 * n<sub>out</sub>:
 * <ul>
 *   <li>{@link #XAVIER_UNIFORM}: U(−a, a), a = √(6 / (n<sub>in</sub> + n<sub>out</sub>)) (Glorot
 *       &amp; Bengio 2010, "Understanding the difficulty of training deep feedforward neural
 *       networks"); PyTorch's {@code xavier_uniform_}. For tanh and sigmoid networks.
 *   <li>{@link #XAVIER_NORMAL}: N(0, 2 / (n<sub>in</sub> + n<sub>out</sub>)).
 *   <li>{@link #HE_NORMAL}: N(0, 2 / n<sub>in</sub>) (He et al. 2015, "Delving deep into
 *       rectifiers"); PyTorch's {@code kaiming_normal_} (fan_in, relu). For relu networks.
 *   <li>{@link #HE_UNIFORM}: U(−a, a), a = √(6 / n<sub>in</sub>).
 *   <li>{@link #LECUN_UNIFORM}: U(−1/√n<sub>in</sub>, 1/√n<sub>in</sub>): what PyTorch's
 *       {@code nn.Linear} does by default ({@code kaiming_uniform_(a=√5)}), also for its bias.
 * </ul>
 * Biases start at 0 except with {@link #LECUN_UNIFORM}, which draws them like PyTorch.
 */
public enum Init {
  XAVIER_UNIFORM("xavier-uniform"),
  XAVIER_NORMAL("xavier-normal"),
  HE_NORMAL("he-normal"),
  HE_UNIFORM("he-uniform"),
  LECUN_UNIFORM("lecun-uniform");

  private final String label;

  Init(String label) {
    this.label = label;
  }

  /** The lower-case name used in options. */
  public String label() {
    return label;
  }

  /**
   * Fills a fanIn x fanOut weight matrix.
   *
   * @param w the weights, fanIn x fanOut. Modified.
   * @param rng the source of randomness. Modified (advanced).
   */
  public void fillWeight(DMatrixRMaj w, Rng rng) {
    int fanIn = w.numRows;
    int fanOut = w.numCols;
    int n = fanIn * fanOut;
    switch (this) {
      case XAVIER_UNIFORM: uniform(w.data, n, Math.sqrt(6.0 / (fanIn + fanOut)), rng); break;
      case XAVIER_NORMAL: normal(w.data, n, Math.sqrt(2.0 / (fanIn + fanOut)), rng); break;
      case HE_NORMAL: normal(w.data, n, Math.sqrt(2.0 / fanIn), rng); break;
      case HE_UNIFORM: uniform(w.data, n, Math.sqrt(6.0 / fanIn), rng); break;
      default: uniform(w.data, n, 1.0 / Math.sqrt(fanIn), rng); break;
    }
  }

  /**
   * Fills a 1 x fanOut bias: zeros, or U(−1/√fanIn, 1/√fanIn) for {@link #LECUN_UNIFORM}.
   *
   * @param b the bias. Modified.
   */
  public void fillBias(DMatrixRMaj b, int fanIn, Rng rng) {
    int n = b.numRows * b.numCols;
    if (this == LECUN_UNIFORM) {
      uniform(b.data, n, 1.0 / Math.sqrt(fanIn), rng);
    } else {
      Arrays.fill(b.data, 0, n, 0.0);
    }
  }

  private static void uniform(double[] d, int n, double a, Rng rng) {
    for (int k = 0; k < n; k++) {
      d[k] = (2 * rng.nextDouble() - 1) * a;
    }
  }

  private static void normal(double[] d, int n, double sd, Rng rng) {
    for (int k = 0; k < n; k++) {
      d[k] = sd * rng.nextGaussian();
    }
  }

  /** The scheme named {@code name} (any case); an unknown name lists the accepted ones. */
  public static Init parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (Init i : values()) {
        if (i.label.equals(n)) {
          return i;
        }
      }
    }
    throw new IllegalArgumentException("initialisation '" + name + "' is not known; accepted: "
        + Arrays.stream(values()).map(Init::label).toList());
  }

  /** The usual scheme for an activation: He for relu, Xavier otherwise. */
  public static Init defaultFor(Activation a) {
    return a == Activation.RELU ? HE_NORMAL : XAVIER_UNIFORM;
  }
}
