package org.vi4j.core.nn;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * An affine layer y = x·W + b for a batch x of shape B x in: W is {@code in x out} (so the
 * forward product needs no transpose), b is {@code 1 x out} broadcast over the rows.
 *
 * <pre>{@code
 * ParamStore ps = new ParamStore();
 * Linear l = new Linear(ps, "encoder.0", 784, 400, Init.XAVIER_UNIFORM, Rng.seeded(1));
 * Tensor y = l.forward(x);       // B x 400; params "encoder.0.weight", "encoder.0.bias"
 * }</pre>
 *
 * <p>Gradients: ∂/∂W = xᵀ·g, ∂/∂b = Σ_rows g, ∂/∂x = g·Wᵀ, all through the tape's
 * {@link org.vi4j.core.linalg.Gemm}.
 */
public final class Linear {

  private final Param weight;
  private final Param bias;

  /**
   * Adds {@code prefix.weight} (in x out) and {@code prefix.bias} (1 x out) to {@code params},
   * initialised by {@code init} from {@code rng}.
   *
   * @param params where the parameters go. Modified.
   * @param rng the source of the initial values. Modified (advanced).
   * @throws IllegalArgumentException if a size is not positive or a name is taken
   */
  public Linear(ParamStore params, String prefix, int in, int out, Init init, Rng rng) {
    Objects.requireNonNull(params, "Linear: params must not be null");
    Objects.requireNonNull(init, "Linear: init must not be null");
    Objects.requireNonNull(rng, "Linear: rng must not be null");
    if (!(in > 0 && out > 0)) {
      throw new IllegalArgumentException("Linear '" + prefix + "': sizes must be positive, got in "
          + in + ", out " + out);
    }
    DMatrixRMaj w = new DMatrixRMaj(in, out);
    init.fillWeight(w, rng);
    DMatrixRMaj b = new DMatrixRMaj(1, out);
    init.fillBias(b, in, rng);
    this.weight = params.add(prefix + ".weight", w);
    this.bias = params.add(prefix + ".bias", b);
  }

  /** x·W + b, B x out. */
  public Tensor forward(Tensor x) {
    if (x.cols() != weight.rows()) {
      throw new IllegalArgumentException("Linear '" + weight.name() + "': input has " + x.cols()
          + " columns (" + x.shape() + "), the layer takes " + weight.rows());
    }
    return x.matmul(weight).add(bias);
  }

  /** W, in x out. */
  public Param weight() {
    return weight;
  }

  /** b, 1 x out. */
  public Param bias() {
    return bias;
  }

  /** Input size. */
  public int in() {
    return weight.rows();
  }

  /** Output size. */
  public int out() {
    return weight.cols();
  }
}
