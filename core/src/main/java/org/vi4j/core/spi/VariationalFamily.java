package org.vi4j.core.spi;

import org.vi4j.core.distributions.Support;

import java.util.Optional;
import java.util.Set;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.random.Rng;

/**
 * A variational family q(z; φ) (a "guide"): draws latent values and their log density, possibly
 * amortised on the batch's data.
 *
 * <pre>{@code
 * VariationalFamily q = new MeanFieldNormal(model.latents());
 * try (Tape tape = Tape.record()) {
 *   tape.watch(q.parameters());
 *   Draw d = q.draw(batch, rng, 16);                 // 16 particles
 *   Tensor elbo = model.logJoint(d.z(), batch).sub(d.logQ()).mean();
 *   tape.backward(elbo);                              // ∇φ ELBO in q.parameters()
 * }
 * }</pre>
 *
 * <p><strong>Contract of {@link #draw}.</strong> The returned {@link Draw} holds a value for every
 * latent of the model the family was built for, laid out as {@link Latents} documents, and
 * {@code logQ} = log q(z; φ) per particle ({@code particles x 1}). LOCAL terms of log q are
 * multiplied by {@link Batch#scale()} like the model's, so log p − log q is unbiased.
 * <ul>
 *   <li>If {@link #reparameterizable()}: z = g_φ(ε) is built with ops on φ (taped when φ is
 *       watched), so pathwise gradients flow through z.
 *   <li>If not: z carries no gradient (a constant), and {@code logQ} is still differentiable in
 *       φ, so ∇φ logQ is the score function ∇φ log q(z; φ).
 * </ul>
 * The family reads randomness only from {@code rng}; the same rng state gives the same draw.
 *
 * <p><strong>Supports.</strong> {@link #supports()} says which {@link Support}s this family can
 * represent. A pipeline whose model has a latent outside them is refused before the first step,
 * naming the latent, its support and the guides that fit ({@link LatentSpec#unsupportedBy}).
 *
 * <p>Planned extension (estimator issue): families mixing reparameterisable and discrete
 * latents will return per-latent score parts (Pyro's {@code ScoreParts(logProb, scoreFunction,
 * entropyTerm)}) through an optional capability, so estimators can apply the score function only
 * where it is needed. Analytic entropies will be a capability too.
 */
public interface VariationalFamily {

  /** φ, the variational parameters (updated by the optimizer or written by coordinate steps). */
  ParamStore parameters();

  /**
   * Draws {@code particles} samples of every latent and their log density.
   *
   * @param batch the data rows; LOCAL latents are drawn per row, amortised families read
   *     {@code batch.data()}. Not modified.
   * @param rng the source of randomness. Modified (advanced).
   * @param particles number of samples, &gt; 0
   */
  Draw draw(Batch batch, Rng rng, int particles);

  /** True if {@link #draw} builds z as a differentiable function of φ (pathwise gradients). */
  boolean reparameterizable();

  /** The supports this family can represent; a model latent outside them is refused. */
  Set<Support> supports();

  /** This family as {@code capability} (e.g. {@link ConjugateFactors}) if it implements it. */
  default <T> Optional<T> as(Class<T> capability) {
    return capability.isInstance(this) ? Optional.of(capability.cast(this)) : Optional.empty();
  }
}
