package org.vi4j.core.spi;

import java.util.OptionalDouble;

/**
 * A model capability: the ELBO of its whole data set under a guide, in closed form, for the guides
 * it knows (typically its own mean-field family). The inference loop then reports the exact value
 * (standard error 0) instead of a Monte Carlo evaluation, and the {@code closed-form} estimator
 * reports it at every step.
 *
 * <pre>{@code
 * OptionalDouble exact = model.as(ClosedFormElbo.class)
 *     .map(c -> c.closedFormElbo(guide)).orElse(OptionalDouble.empty());
 * }</pre>
 *
 * <p><strong>Contract.</strong> The value is E_q[log p(x, z)] − E_q[log q(z)] over the full data set
 * (no minibatch scaling) at the guide's current parameters, up to rounding; empty when
 * {@code q} is not a family the model has a closed form for. Reads q, modifies nothing.
 */
public interface ClosedFormElbo {

  /** The ELBO of the whole data set under {@code q}, or empty if there is no closed form for it. */
  OptionalDouble closedFormElbo(VariationalFamily q);
}
