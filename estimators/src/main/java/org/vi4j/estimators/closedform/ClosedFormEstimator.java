package org.vi4j.estimators.closedform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ClosedFormElbo;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The model's closed-form ELBO ({@link ClosedFormElbo}) as an estimator that writes no gradient:
 * what coordinate-ascent optimizers report for models that have one (e.g. {@code lda} with its own
 * guide). The value is exact (standard error 0) and always for the model's whole data set, whatever
 * the batch; it draws no random numbers.
 *
 * <pre>{@code
 * Inference.builder().model(lda).guide(q).estimator(new ClosedFormEstimator())
 *     .optimizer(new Cavi())...
 * }</pre>
 *
 * <p>{@link #check} refuses a model without the capability, or whose closed form does not cover
 * the guide (it computes the ELBO once to find out), naming what would work instead.
 */
public final class ClosedFormEstimator implements GradientEstimator {

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>(1);
    var cf = m.as(ClosedFormElbo.class);
    if (cf.isEmpty()) {
      problems.add("estimator '" + ClosedFormProvider.NAME + "': model '"
          + m.getClass().getSimpleName() + "' has no closed-form ELBO (it does not implement "
          + "ClosedFormElbo); use a Monte Carlo estimator such as reparam or score-function");
    } else if (cf.get().closedFormElbo(q).isEmpty()) {
      problems.add("estimator '" + ClosedFormProvider.NAME + "': model '"
          + m.getClass().getSimpleName() + "' has no closed-form ELBO for guide '"
          + q.getClass().getSimpleName() + "'; use the model's own guide or a Monte Carlo "
          + "estimator");
    }
    return problems;
  }

  /**
   * The closed-form ELBO of the whole data set; no gradient is written.
   *
   * @throws IllegalStateException if the model has no closed form for {@code q}
   */
  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Objects.requireNonNull(m, "m");
    Objects.requireNonNull(q, "q");
    OptionalDouble v = m.as(ClosedFormElbo.class).map(c -> c.closedFormElbo(q))
        .orElse(OptionalDouble.empty());
    if (v.isEmpty()) {
      throw new IllegalStateException(String.join("; ", check(m, q)));
    }
    return ElboEstimate.exact(v.getAsDouble());
  }

  @Override
  public String toString() {
    return ClosedFormProvider.NAME;
  }
}
