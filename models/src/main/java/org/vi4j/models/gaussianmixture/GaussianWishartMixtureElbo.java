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
 * The closed-form ELBO of {@link GaussianWishartMixtureModel} under
 * {@link GaussianWishartMixtureGuide} ({@link GaussianWishartMixtureModel#elbo}, Bishop 10.70–10.77)
 * as a {@link GradientEstimator} that writes no gradient: what {@code cavi} reports before each
 * sweep for this pair (exact, standard error 0). It always scores the full data set the model
 * holds, whatever the batch.
 *
 * <pre>{@code
 * Inference.builder().model(model).guide(q).estimator(new GaussianWishartMixtureElbo())
 *     .optimizer(new Cavi())...
 * }</pre>
 *
 * <p><strong>Refuses</strong> any other model or guide before the first step ({@link #check}).
 */
public final class GaussianWishartMixtureElbo implements GradientEstimator {

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>(2);
    if (m.as(GaussianWishartMixtureModel.class).isEmpty()) {
      problems.add("estimator '" + GaussianWishartMixtureElboProvider.NAME + "': model '"
          + m.getClass().getSimpleName() + "' is not GaussianWishartMixtureModel (model '"
          + GaussianWishartMixtureModel.NAME + "')");
    }
    if (!(q instanceof GaussianWishartMixtureGuide)) {
      problems.add("estimator '" + GaussianWishartMixtureElboProvider.NAME + "': guide '"
          + q.getClass().getSimpleName() + "' is not GaussianWishartMixtureGuide (guide '"
          + GaussianWishartMixtureModel.NAME + "')");
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
    return ElboEstimate.exact(m.as(GaussianWishartMixtureModel.class).orElseThrow()
        .elbo((GaussianWishartMixtureGuide) q));
  }
}
