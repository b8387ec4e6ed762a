package org.vi4j.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.vi4j.core.autodiff.Param;

/**
 * What one optimizer step works on: the model, the guide, the gradient estimator, the current
 * batch and the step index. The inference loop makes a new one per step ({@link #next(Batch)});
 * the parts themselves are the same objects throughout a fit.
 *
 * <pre>{@code
 * Problem problem = Problem.start(model, guide, estimator, firstBatch);
 * for (...) {
 *   StepReport r = optimizer.step(problem, rng.split());
 *   problem = problem.next(batches.next());
 * }
 * }</pre>
 *
 * @param model p(x, z; θ)
 * @param family q(z; φ)
 * @param estimator the ELBO gradient estimator (coordinate-ascent optimizers may use it only to
 *     report the ELBO)
 * @param batch the data rows of this step
 * @param step the 0-based step index
 */
public record Problem(Model model, VariationalFamily family, GradientEstimator estimator,
    Batch batch, long step) {

  /** Checks for nulls and a negative step. */
  public Problem {
    Objects.requireNonNull(model, "Problem: model must not be null");
    Objects.requireNonNull(family, "Problem: family must not be null");
    Objects.requireNonNull(estimator, "Problem: estimator must not be null");
    Objects.requireNonNull(batch, "Problem: batch must not be null");
    if (step < 0) {
      throw new IllegalArgumentException("Problem: step must be >= 0, got " + step);
    }
  }

  /** Step 0 on {@code batch}. */
  public static Problem start(Model model, VariationalFamily family, GradientEstimator estimator,
      Batch batch) {
    return new Problem(model, family, estimator, batch, 0);
  }

  /** The same parts on the next step, with {@code nextBatch}. */
  public Problem next(Batch nextBatch) {
    return new Problem(model, family, estimator, nextBatch, step + 1);
  }

  /** Every parameter a gradient optimizer updates: θ (model) then φ (guide), in store order. */
  public List<Param> parameters() {
    List<Param> all = new ArrayList<>(model.parameters().size() + family.parameters().size());
    all.addAll(model.parameters().params());
    all.addAll(family.parameters().params());
    return Collections.unmodifiableList(all);
  }

  /** Sets the gradient of every parameter of the model and the guide to zero. */
  public void zeroGrad() {
    model.parameters().zeroGrad();
    family.parameters().zeroGrad();
  }
}
