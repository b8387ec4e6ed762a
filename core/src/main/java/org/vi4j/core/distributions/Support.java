package org.vi4j.core.distributions;

/**
 * The set a distribution puts its mass on, or a latent's values live in. Families declare the
 * supports they can represent ({@link org.vi4j.core.spi.VariationalFamily#supports()}), so a guide
 * that cannot represent a latent is refused before the first step.
 *
 * <pre>{@code
 * Latent rate = Latent.global("rate", 64, Support.POSITIVE);
 * if (!guide.supports().contains(rate.support())) { ... }
 * }</pre>
 *
 * <p>Values are always stored as doubles in a {@link org.vi4j.core.autodiff.Tensor}:
 * {@link #BINARY} as 0.0 / 1.0 and {@link #CATEGORICAL} as the category index 0.0 … k − 1
 * (k = {@link org.vi4j.core.spi.Latent#categories()}); a {@link #SIMPLEX} block of size d holds d non-negative
 * numbers summing to one per row; a {@link #POSITIVE_DEFINITE} block holds, per row, symmetric
 * positive-definite d x d matrices, each as d² numbers in row-major order, back to back.
 */
public enum Support {
  /** The real line ℝ. */
  REAL(false),
  /** (0, ∞). */
  POSITIVE(false),
  /** [lower, ∞) for a bound the distribution gives (e.g. a truncated normal). */
  LOWER_BOUNDED(false),
  /** (0, 1). */
  UNIT_INTERVAL(false),
  /** The probability simplex: each row is non-negative and sums to one (size ≥ 2). */
  SIMPLEX(false),
  /** {0, 1}. */
  BINARY(true),
  /** {0, …, k − 1}, k = {@link org.vi4j.core.spi.Latent#categories()} ≥ 2. */
  CATEGORICAL(true),
  /** {0, 1, 2, …} (counts). */
  NON_NEGATIVE_INTEGER(true),
  /**
   * Symmetric positive-definite d x d matrices (e.g. the precision of a multivariate Normal, with a
   * Wishart prior): a block of size s·d² holds s of them per row, each row-major. The dimension d
   * is the model's (documented with its latents), not part of the support, as the bound of
   * {@link #LOWER_BOUNDED} is not; so no generic bijection or guide covers it, only a family that
   * knows the model (e.g. the Normal–Wishart factors of the {@code gaussian-mixture-mv} guide).
   */
  POSITIVE_DEFINITE(false);

  private final boolean discrete;

  Support(boolean discrete) {
    this.discrete = discrete;
  }

  /**
   * True for {@link #BINARY}, {@link #CATEGORICAL} and {@link #NON_NEGATIVE_INTEGER}: pathwise
   * (reparameterisation) gradients do not exist, so a score-function, enumeration or relaxation estimator is needed.
   */
  public boolean discrete() {
    return discrete;
  }
}
