package org.vi4j.core.distributions;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * The Bernoulli distribution parameterised by its logit l = log(p/(1 − p)), with p = σ(l) the
 * probability of 1. Mass P(1) = σ(l), P(0) = 1 − σ(l), written for x in {0, 1} as
 * <pre>
 *   log p(x) = x·l − softplus(l)   (softplus(l) = log(1 + e<sup>l</sup>)).
 * </pre>
 * The same formula is used for any x in [0, 1]: it is then the negative binary cross-entropy
 * x log σ(l) + (1 − x) log(1 − σ(l)), the usual likelihood of [0, 1]-valued pixel intensities
 * (e.g. a VAE's Bernoulli decoder on grey-scale images). It is not a normalised density there.
 *
 * <p>Mean σ(l), variance σ(l)(1 − σ(l)), entropy softplus(l) − l·σ(l), all computed from the
 * logit so they stay accurate for large |l|. Draws are 0/1 (U &lt; σ(l)); there is no pathwise
 * sampler (use a score-function estimator, or a relaxation).
 */
public final class Bernoulli implements Distribution {

  public static final String NAME = "Bernoulli";

  private final Tensor logits;

  private Bernoulli(Tensor logits) {
    this.logits = Params.finite(NAME, "logits", logits);
  }

  /**
   * Bernoulli(σ(logits)); the parameter shape is the shape of {@code logits}.
   *
   * @param logits l; finite
   * @throws DistributionException if an element of {@code logits} is not finite
   */
  public static Bernoulli ofLogits(Tensor logits) {
    return new Bernoulli(logits);
  }

  /**
   * {@link #ofLogits(Tensor)}, validated the same way, but {@code previous} itself when it is over
   * exactly this tensor object (e.g. a tape node that a training loop reuses step after step): such
   * a loop then makes no distribution object per step.
   *
   * @param previous a Bernoulli to hand back if it views {@code logits}; may be null
   * @throws DistributionException if an element of {@code logits} is not finite
   */
  public static Bernoulli ofLogits(Tensor logits, Bernoulli previous) {
    if (previous != null && previous.logits == logits) {
      Params.finite(NAME, "logits", logits);
      return previous;
    }
    return new Bernoulli(logits);
  }

  /** A scalar Bernoulli(σ(logit)); see {@link #ofLogits(Tensor)}. */
  public static Bernoulli ofLogits(double logit) {
    return new Bernoulli(Tensor.scalar(logit));
  }

  /**
   * Bernoulli(probs), converted to logits log p − log(1 − p) (differentiably, so a gradient in
   * the logits reaches {@code probs}).
   *
   * @param probs p, each strictly inside (0, 1) (0 and 1 have infinite logits)
   * @throws DistributionException if an element of {@code probs} is not in (0, 1)
   */
  public static Bernoulli ofProbs(Tensor probs) {
    Params.openInterval(NAME, "probs", probs, 0.0, 1.0);
    return new Bernoulli(probs.log().sub(probs.neg().log1p()));
  }

  /** A scalar Bernoulli(prob); see {@link #ofProbs(Tensor)}. */
  public static Bernoulli ofProbs(double prob) {
    return ofProbs(Tensor.scalar(prob));
  }

  /** l. */
  public Tensor logits() {
    return logits;
  }

  /** σ(l), the probability of 1. */
  public Tensor probs() {
    return logits.sigmoid();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int rows() {
    return logits.rows();
  }

  @Override
  public int cols() {
    return logits.cols();
  }

  @Override
  public Support support() {
    return Support.BINARY;
  }

  /**
   * x·l − softplus(l) for x in [0, 1]; −∞ for x outside [0, 1] (NaN stays NaN).
   * ∂/∂l = x − σ(l), ∂/∂x = l.
   */
  @Override
  public Tensor logProb(Tensor x) {
    Tensor l = Params.expandRows(NAME, logits, x.rows());
    return Params.maskOutside(x.mul(l).sub(l.softplus()), x, v -> v < 0 || v > 1);
  }

  /** 0/1 draws as doubles, (particles·r) x c particle-major: 1 when U &lt; σ(l). */
  @Override
  public Tensor sample(Rng rng, int particles) {
    Params.checkParticles(NAME, particles);
    int n = logits.size();
    double[] p = logits.sigmoid().value().data;
    Tensor z = Tensor.zeros(particles * logits.rows(), logits.cols());
    double[] d = z.value().data;
    for (int s = 0; s < particles; s++) {
      for (int k = 0; k < n; k++) {
        d[s * n + k] = rng.nextDouble() < p[k] ? 1.0 : 0.0;
      }
    }
    return z;
  }

  /** σ(l). */
  @Override
  public Tensor mean() {
    return logits.sigmoid();
  }

  /** σ(l)σ(−l) = σ(l)(1 − σ(l)), without the cancellation of 1 − σ for large l. */
  @Override
  public Tensor variance() {
    return logits.sigmoid().mul(logits.neg().sigmoid());
  }

  /** softplus(l) − l·σ(l). */
  @Override
  public Tensor entropy() {
    return logits.softplus().sub(logits.mul(logits.sigmoid()));
  }

  @Override
  public String toString() {
    return NAME + "[" + rows() + "x" + cols() + "]";
  }
}
