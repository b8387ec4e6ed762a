package org.vi4j.models.gaussianmixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The closed-form ELBO of {@link GaussianMixtureModel} under {@link GaussianMixtureGuide}
 * ({@link GaussianMixtureModel#elbo}) as a {@link GradientEstimator} that writes no gradient: what
 * {@code cavi} reports after each sweep for this pair (exact, standard error 0). It always scores
 * the full data set the model holds, whatever the batch.
 *
 * <pre>{@code
 * Inference.builder().model(model).guide(q).estimator(new GaussianMixtureElbo()).optimizer(new Cavi())...
 * }</pre>
 */
public final class GaussianMixtureElbo implements GradientEstimator {

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>(2);
    if (m.as(GaussianMixtureModel.class).isEmpty()) {
      problems.add("estimator 'gaussian-mixture-elbo': model '" + m.getClass().getSimpleName()
          + "' is not GaussianMixtureModel; use a Monte Carlo estimator such as reparam");
    }
    if (!(q instanceof GaussianMixtureGuide)) {
      problems.add("estimator 'gaussian-mixture-elbo': guide '" + q.getClass().getSimpleName()
          + "' is not GaussianMixtureGuide");
    }
    return problems;
  }

  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(q, "q");
    List<String> problems = check(m, q);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return ElboEstimate.exact(m.as(GaussianMixtureModel.class).orElseThrow()
        .elbo((GaussianMixtureGuide) q));
  }
}
