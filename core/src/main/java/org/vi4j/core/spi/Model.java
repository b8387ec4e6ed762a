package org.vi4j.core.spi;

import org.vi4j.core.distributions.Support;

import java.util.Optional;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;

/**
 * A probabilistic model p(x, z; θ): named latent blocks z, parameters θ (possibly none) and the
 * log joint density of data and latents.
 *
 * <pre>{@code
 * public final class ExpGaussianModel implements Model, ExactEvidence {
 *   public static final String NAME = "exp-gaussian";
 *   private final double x;
 *   public LatentSpec latents() { return LatentSpec.of(Latent.global("z", 1, Support.POSITIVE)); }
 *   public ParamStore parameters() { return EMPTY; }
 *   public Tensor logJoint(Latents latents, Batch batch) {
 *     Tensor z = latents.get("z");                                  // particles x 1
 *     Tensor logPrior = z.neg();                                    // Exp(1)
 *     Tensor logLik = z.sub(x).square().mul(-0.5).add(-0.5 * Math.log(2 * Math.PI));
 *     return logPrior.add(logLik.mul(batch.scale()));
 *   }
 *   public double logEvidence() { ... }
 * }
 * }</pre>
 *
 * <p><strong>{@code logJoint} returns one value per particle</strong>: a {@code particles x 1}
 * tensor, particles = {@link Latents#particles()}. Terms that depend on the batch's data rows
 * (likelihoods, and priors of LOCAL latents) are <strong>already multiplied by
 * {@link Batch#scale()}</strong> = N/B, so that the minibatch value is an unbiased estimate of the
 * full-data log joint; GLOBAL prior terms are not scaled. It must be built from
 * {@link org.vi4j.core.autodiff.Ops} on {@code z} (and on θ), so gradients flow back to the
 * guide's φ (pathwise estimators) and to θ (variational EM). It must not draw random numbers.
 *
 * <p><strong>Capabilities.</strong> A model may implement {@link ConjugateUpdates},
 * {@link ConditionallyConjugate}, {@link ClosedFormElbo}, {@link ExactPosterior},
 * {@link ExactEvidence}, {@link PriorSpec}, {@link Generative}, {@link Predictive}. Ask with
 * {@link #as(Class)}, never with a cast, so that a wrapper model can
 * forward or hide capabilities.
 *
 * <p>Not thread-safe unless the implementation says so.
 */
public interface Model {

  /** The latent blocks, in order; the same object on every call. */
  LatentSpec latents();

  /** θ, the model's learnable parameters; empty if it has none. Never null. */
  ParamStore parameters();

  /**
   * log p(x_batch, z; θ) per particle, local terms scaled by {@code batch.scale()}.
   *
   * @param z values of every latent in {@link #latents()}, laid out as {@link Latents} documents.
   *     Not modified.
   * @param batch the data rows. Not modified.
   * @return a {@code z.particles() x 1} tensor
   */
  Tensor logJoint(Latents z, Batch batch);

  /**
   * This model as {@code capability} if it implements it.
   *
   * <pre>{@code
   * model.as(ExactEvidence.class).map(ExactEvidence::logEvidence).ifPresent(...);
   * }</pre>
   */
  default <T> Optional<T> as(Class<T> capability) {
    return capability.isInstance(this) ? Optional.of(capability.cast(this)) : Optional.empty();
  }
}
