package org.vi4j.core.nn;

import java.util.Arrays;
import java.util.Locale;
import org.vi4j.core.autodiff.Tensor;

/**
 * Element-wise activations between the layers of an {@link Mlp}, each a differentiable op of
 * {@link org.vi4j.core.autodiff.Ops}.
 *
 * <pre>{@code
 * Activation a = Activation.parse("tanh");
 * Tensor h = a.apply(x.matmul(w));
 * }</pre>
 */
public enum Activation {
  /** f(x) = x. */
  IDENTITY("identity"),
  /** f(x) = tanh x. */
  TANH("tanh"),
  /** f(x) = max(x, 0). */
  RELU("relu"),
  /** f(x) = log(1 + eˣ). */
  SOFTPLUS("softplus"),
  /** f(x) = 1/(1 + e⁻ˣ). */
  SIGMOID("sigmoid");

  private final String label;

  Activation(String label) {
    this.label = label;
  }

  /** The lower-case name used in options ({@code tanh}, {@code relu}, ...). */
  public String label() {
    return label;
  }

  /** f applied element-wise; IDENTITY returns {@code x} itself. */
  public Tensor apply(Tensor x) {
    switch (this) {
      case TANH: return x.tanh();
      case RELU: return x.relu();
      case SOFTPLUS: return x.softplus();
      case SIGMOID: return x.sigmoid();
      default: return x;
    }
  }

  /** The activation named {@code name} (any case); an unknown name lists the accepted ones. */
  public static Activation parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      for (Activation a : values()) {
        if (a.label.equals(n)) {
          return a;
        }
      }
    }
    throw new IllegalArgumentException("activation '" + name + "' is not known; accepted: "
        + Arrays.stream(values()).map(Activation::label).toList());
  }
}
