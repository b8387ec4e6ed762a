package org.vi4j.core.spi;

import java.util.List;
import org.vi4j.core.autodiff.Tensor;

/**
 * A model whose complete conditionals are in the exponential family, so each factor of a
 * mean-field guide has a closed-form optimum q*_j(z_j) ∝ exp E_{−j}[log p(x, z)] (CAVI; with
 * minibatches and a step ρ_t, stochastic VI, Hoffman et al. 2013).
 *
 * <pre>{@code
 * ConjugateUpdates cu = model.as(ConjugateUpdates.class).orElseThrow();
 * ConjugateFactors qf = guide.as(ConjugateFactors.class).orElseThrow();
 * for (String latent : cu.conjugateLatents()) {
 *   Tensor eta = cu.optimalNaturalParameters(latent, qf, batch);
 *   qf.setNaturalParameters(latent, batch, eta);              // CAVI: ρ = 1
 * }
 * }</pre>
 *
 * <p><strong>Contract.</strong> The model reads the other factors only through
 * {@link ConjugateFactors#expectedSufficientStatistics} and returns natural parameters in the
 * parametrisation that factor's exponential family uses (documented by the model and the guide
 * together; e.g. Gamma: (α − 1, −β)). Data terms for a GLOBAL latent are scaled by
 * {@code batch.scale()} (the SVI "intermediate" global parameter). A factor over several latents
 * jointly (e.g. a Normal–Wishart q(μ, Λ), where μ's factor depends on Λ) is listed once, under
 * one of their names, and the model says which latents it covers. Provisional: the
 * parametrisation will be tied to the distribution types once they exist.
 */
public interface ConjugateUpdates {

  /**
   * The latents with closed-form updates, in the order a sweep updates them (a joint factor under
   * one of its latents' names).
   */
  List<String> conjugateLatents();

  /**
   * Natural parameters of the optimal factor of {@code latent} given the others: {@code 1 x k}
   * for a GLOBAL latent, {@code B x k} (one row per batch row) for a LOCAL one.
   */
  Tensor optimalNaturalParameters(String latent, ConjugateFactors q, Batch batch);
}
