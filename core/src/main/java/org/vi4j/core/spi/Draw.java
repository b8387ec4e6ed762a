package org.vi4j.core.spi;

import java.util.Objects;
import org.vi4j.core.autodiff.Tensor;

/**
 * What {@link VariationalFamily#draw} returns: latent values and their log density under q.
 *
 * <pre>{@code
 * Draw d = guide.draw(batch, rng, particles);
 * Tensor perParticleElbo = model.logJoint(d.z(), batch).sub(d.logQ());   // particles x 1
 * }</pre>
 *
 * <p>See {@link VariationalFamily} for when z and logQ carry gradients. A later extension may add
 * per-latent score parts; this record stays the pathwise/score-function common core.
 *
 * @param z the latent values, one block per latent
 * @param logQ log q(z; φ) per particle, {@code z.particles() x 1}
 */
public record Draw(Latents z, Tensor logQ) {

  /** Checks that logQ is {@code particles x 1}. */
  public Draw {
    Objects.requireNonNull(z, "Draw: z must not be null");
    Objects.requireNonNull(logQ, "Draw: logQ must not be null");
    if (logQ.rows() != z.particles() || logQ.cols() != 1) {
      throw new IllegalArgumentException("Draw: logQ is " + logQ.shape() + ", expected "
          + z.particles() + "x1 (one value per particle)");
    }
  }

  /** Number of particles. */
  public int particles() {
    return z.particles();
  }
}
