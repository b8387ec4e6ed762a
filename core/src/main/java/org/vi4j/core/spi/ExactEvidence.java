package org.vi4j.core.spi;

/**
 * A model whose log marginal likelihood log p(x) has a closed form: the ELBO is then checked to
 * be a lower bound and the gap log p(x) − ELBO is KL(q ‖ p(z|x)).
 *
 * <pre>{@code
 * model.as(ExactEvidence.class).ifPresent(e ->
 *     assertTrue(fit.elbo().value() <= e.logEvidence() + 3 * fit.elbo().standardError()));
 * }</pre>
 *
 * <p><strong>Contract.</strong> The value is for the full data set the model holds (not a batch),
 * at the current θ.
 */
public interface ExactEvidence {

  /** log p(x; θ) for the model's full data set. */
  double logEvidence();
}
