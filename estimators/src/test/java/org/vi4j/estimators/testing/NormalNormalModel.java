package org.vi4j.estimators.testing;

import java.util.List;
import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.Normal;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PriorSpec;

/**
 * z ~ N(μ₀, s₀²) per dimension (one GLOBAL block "z" of size d), x_i ~ N(z, σ²) per row, with the
 * prior location μ₀ a model parameter θ ("prior-loc", 1 x d) and σ, s₀ known.
 *
 * <p>log p(x, z) = Σ_j [log N(z_j; μ₀_j, s₀²) + scale · Σ_i log N(x_ij; z_j, σ²)], the likelihood
 * computed in closed form from Σ_i x_ij and Σ_i x_ij². It declares its prior ({@link PriorSpec})
 * unless built with {@code declarePrior = false}, in which case {@link #as} hides it.
 */
public final class NormalNormalModel implements Model, PriorSpec {

  public static final double LOG_2PI = Math.log(2 * Math.PI);

  private final double[][] data;
  private final double sigma;
  private final double priorScale;
  private final boolean declarePrior;
  private final int d;
  private final LatentSpec spec;
  private final ParamStore params = new ParamStore();
  private final Param priorLoc;

  public NormalNormalModel(double[][] data, double sigma, double priorScale, double[] priorLoc,
      boolean declarePrior) {
    this.data = data;
    this.sigma = sigma;
    this.priorScale = priorScale;
    this.declarePrior = declarePrior;
    this.d = priorLoc.length;
    this.spec = LatentSpec.of(Latent.global("z", d, Support.REAL));
    this.priorLoc = params.add("prior-loc", new DMatrixRMaj(1, d, true, priorLoc));
  }

  /** The data as a constant tensor, n x d. */
  public Tensor dataTensor() {
    return Tensor.of(data);
  }

  public double[][] data() {
    return data;
  }

  public double sigma() {
    return sigma;
  }

  public double priorScale() {
    return priorScale;
  }

  public Param priorLoc() {
    return priorLoc;
  }

  @Override
  public LatentSpec latents() {
    return spec;
  }

  @Override
  public ParamStore parameters() {
    return params;
  }

  @Override
  public Tensor logJoint(Latents latents, Batch batch) {
    Tensor z = latents.get("z");
    Tensor x = batch.data();
    int b = x.rows();
    double[] sx = new double[d];
    double[] sxx = new double[d];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < d; j++) {
        double v = x.get(i, j);
        sx[j] += v;
        sxx[j] += v * v;
      }
    }
    // Σ_i (x_ij − z_j)² = B z² − 2 z Σx + Σx²
    Tensor sq = z.square().mul(b).sub(z.mul(Tensor.row(sx)).mul(2.0)).add(Tensor.row(sxx));
    Tensor lik = sq.mul(-0.5 / (sigma * sigma)).sumRows()
        .add(-b * d * (Math.log(sigma) + 0.5 * LOG_2PI));
    return prior("z").logProb(z).sumRows().add(lik.mul(batch.scale()));
  }

  @Override
  public List<String> priorLatents() {
    return List.of("z");
  }

  @Override
  public Distribution prior(String latent) {
    if (!"z".equals(latent)) {
      throw new IllegalArgumentException("NormalNormalModel: no latent '" + latent + "'; known: [z]");
    }
    return Normal.of(priorLoc, Tensor.scalar(priorScale));
  }

  @Override
  public <T> Optional<T> as(Class<T> capability) {
    if (capability == PriorSpec.class && !declarePrior) {
      return Optional.empty();
    }
    return Model.super.as(capability);
  }
}
