package org.vi4j.core.spi;

/**
 * A model capability: a weight α ∈ [0, 1] on the KL(q ‖ prior) term of the training objective
 * (reconstruction + α·KL, e.g. a KL warm-up for a variational autoencoder, Bowman et al. 2016;
 * Sønderby et al. 2016). Estimators that form KL(q ‖ prior) in closed form multiply that term of
 * their <em>surrogate</em> by α; the ELBO they report is always the true one (α = 1).
 *
 * <pre>{@code
 * double alpha = model.as(KlWeighted.class).map(KlWeighted::klWeight).orElse(1.0);
 * }</pre>
 *
 * <p>Read it after the step's {@code logJoint}: a model with a warm-up advances it per training
 * step.
 */
public interface KlWeighted {

  /** α for the current training step, in [0, 1]. */
  double klWeight();
}
