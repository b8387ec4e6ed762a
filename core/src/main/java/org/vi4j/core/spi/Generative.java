package org.vi4j.core.spi;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * A model that can simulate: draw latents from the prior and data from p(x | z), for
 * simulation-based checks (recover known parameters) and synthetic data sets.
 *
 * <pre>{@code
 * Generative g = model.as(Generative.class).orElseThrow();
 * Latents truth = g.samplePrior(1, 500, rng);
 * Tensor data = g.sampleData(truth, 500, rng);     // 500 x features
 * }</pre>
 *
 * <p><strong>Contract.</strong> Results are constants (no gradient); randomness only from
 * {@code rng}.
 */
public interface Generative {

  /** Prior draws; LOCAL latents for {@code rows} data rows, laid out as {@link Latents} says. */
  Latents samplePrior(int particles, int rows, Rng rng);

  /** {@code (particles·rows) x features} data drawn from p(x | z), particle-major. */
  Tensor sampleData(Latents z, int rows, Rng rng);
}
