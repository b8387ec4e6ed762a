package org.vi4j.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * A multi-layer perceptron: {@link Linear} layers of sizes s₀ → s₁ → … → s_L with an activation
 * after every layer but the last (and an optional output activation after the last).
 *
 * <pre>{@code
 * ParamStore ps = new ParamStore();
 * Mlp encoder = Mlp.builder(784, 400).activation(Activation.TANH)
 *     .build(ps, "encoder", Rng.seeded(1));        // encoder.0.weight, encoder.0.bias
 * Tensor h = encoder.forward(x);                   // B x 400, tanh applied
 * }</pre>
 *
 * <p>Layer i's parameters are {@code <prefix>.<i>.weight} and {@code <prefix>.<i>.bias}.
 */
public final class Mlp {

  private final List<Linear> layers;
  private final Activation activation;
  private final Activation output;

  private Mlp(List<Linear> layers, Activation activation, Activation output) {
    this.layers = Collections.unmodifiableList(layers);
    this.activation = activation;
    this.output = output;
  }

  /** A builder for layer sizes s₀ (the input), s₁, …, s_L; at least two sizes, all positive. */
  public static Builder builder(int... sizes) {
    return new Builder(sizes);
  }

  /**
   * The forward pass: h₀ = x, h_i = act(h_{i−1}·W_i + b_i), the last layer followed by the output
   * activation (identity unless set).
   */
  public Tensor forward(Tensor x) {
    Tensor h = x;
    for (int i = 0, n = layers.size(); i < n; i++) {
      h = layers.get(i).forward(h);
      h = (i < n - 1 ? activation : output).apply(h);
    }
    return h;
  }

  /** The layers, in order. */
  public List<Linear> layers() {
    return layers;
  }

  /** Input size s₀. */
  public int in() {
    return layers.get(0).in();
  }

  /** Output size s_L. */
  public int out() {
    return layers.get(layers.size() - 1).out();
  }

  /** The hidden activation. */
  public Activation activation() {
    return activation;
  }

  /**
   * Parses layer sizes written as comma-separated positive integers ({@code "400"},
   * {@code "400,200"}); an empty or blank string means no layers.
   *
   * @param what names the option in the message, e.g. {@code "model 'vae' option hidden"}
   * @throws IllegalArgumentException naming {@code what}, the text and what is accepted
   */
  public static int[] parseSizes(String text, String what) {
    if (text == null || text.isBlank()) {
      return new int[0];
    }
    String[] parts = text.split(",");
    int[] sizes = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        sizes[i] = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        sizes[i] = 0;
      }
      if (!(sizes[i] > 0)) {
        throw new IllegalArgumentException(what + ": '" + text + "' is not a list of layer sizes; "
            + "accepted: comma-separated positive integers, e.g. 400 or 400,200");
      }
    }
    return sizes;
  }

  /** Configures an {@link Mlp}. */
  public static final class Builder {
    private final int[] sizes;
    private Activation activation = Activation.TANH;
    private Activation output = Activation.IDENTITY;
    private Init init;

    private Builder(int[] sizes) {
      if (sizes == null || sizes.length < 2) {
        throw new IllegalArgumentException("Mlp: needs at least an input and an output size, got "
            + Arrays.toString(sizes));
      }
      for (int s : sizes) {
        if (!(s > 0)) {
          throw new IllegalArgumentException("Mlp: layer sizes must be positive, got "
              + Arrays.toString(sizes));
        }
      }
      this.sizes = sizes.clone();
    }

    /** The activation after each hidden layer (default tanh). */
    public Builder activation(Activation a) {
      this.activation = Objects.requireNonNull(a, "Mlp: activation must not be null");
      return this;
    }

    /** The activation after the last layer (default identity). */
    public Builder outputActivation(Activation a) {
      this.output = Objects.requireNonNull(a, "Mlp: output activation must not be null");
      return this;
    }

    /** The initialisation (default {@link Init#defaultFor} the activation). */
    public Builder init(Init i) {
      this.init = Objects.requireNonNull(i, "Mlp: init must not be null");
      return this;
    }

    /**
     * Creates the layers' parameters in {@code params} under {@code prefix}.
     *
     * @param params where the parameters go. Modified.
     * @param rng the initial values' source. Modified (advanced).
     */
    public Mlp build(ParamStore params, String prefix, Rng rng) {
      Init in = init != null ? init : Init.defaultFor(activation);
      List<Linear> layers = new ArrayList<>();
      for (int i = 0; i + 1 < sizes.length; i++) {
        layers.add(new Linear(params, prefix + "." + i, sizes[i], sizes[i + 1], in, rng));
      }
      return new Mlp(layers, activation, output);
    }
  }
}
