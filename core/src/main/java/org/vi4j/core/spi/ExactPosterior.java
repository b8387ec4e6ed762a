package org.vi4j.core.spi;

import org.vi4j.core.distributions.Distribution;

/**
 * A model whose posterior p(z | x) is known in closed form, for validating a fit: KL(q ‖ p(z|x))
 * in closed form where the KL registry has the pair (or by Monte Carlo), and moments to compare.
 *
 * <pre>{@code
 * ExactPosterior post = model.as(ExactPosterior.class).orElseThrow();
 * Distribution exact = post.posterior("rate");                       // Gamma(a + Σx, b + m)
 * double kl = KlRegistry.standard().kl(guideFactor, exact).sum().item();
 * }</pre>
 *
 * <p><strong>Contract.</strong> For the full data set the model holds, at the current θ. The
 * posterior factorises over the latents listed by {@link #posteriorLatents()} (GLOBAL blocks), each
 * a distribution whose parameter shape broadcasts to {@code 1 x size}.
 */
public interface ExactPosterior {

  /** The latents whose exact posteriors {@link #posterior} gives. */
  java.util.List<String> posteriorLatents();

  /** p(latent | x), a distribution over one GLOBAL block; an unknown name is an IAE. */
  Distribution posterior(String latent);
}
