package org.vi4j.optimizers.cavi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConditionallyConjugate;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.ConjugateUpdates;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.optimizers.svi.LocalStepRunner;

/**
 * Coordinate-ascent variational inference (CAVI; Bishop 2006, "Pattern Recognition and Machine
 * Learning", §10.1.1; Blei, Kucukelbir &amp; McAuliffe 2017, "Variational Inference: A Review for
 * Statisticians", JASA, Algorithm 1): one sweep per step sets each factor of a mean-field guide to
 * its closed-form optimum q*_j(z_j) ∝ exp E_{−j}[log p(x, z)], so with ρ = 1 and the full data the
 * ELBO never decreases.
 *
 * <p>One step, with the model's {@link ConjugateUpdates} and the guide's {@link ConjugateFactors}:
 * <pre>
 * elbo = estimator.estimate(model, guide, batch, rng)      at the parameters before the sweep
 * for latent in cu.conjugateLatents(), in order:
 *   η̂ = cu.optimalNaturalParameters(latent, qf, batch)
 *   η  = (1 − ρ) · qf.naturalParameters(latent, batch) + ρ · η̂     (ρ = 1: η = η̂)
 *   qf.setNaturalParameters(latent, batch, η)
 * </pre>
 * ρ &lt; 1 damps the sweep; with minibatches (the model scales the data terms by N/B) it is the
 * global step of stochastic VI (Hoffman, Blei, Wang &amp; Paisley 2013), here with a constant ρ.
 *
 * <p><strong>Global/local models.</strong> A model without {@link ConjugateUpdates} but with
 * {@link ConditionallyConjugate} (e.g. {@code lda}) is fitted by its local step and global optimum
 * instead: each step fits every row's local factors given the global ones (in parallel on
 * {@code threads} threads, with a result independent of their number), then sets the global factors
 * to (1 − ρ) λ + ρ λ̂ ({@link LocalStepRunner}). With ρ = 1 and the full data this is batch
 * variational EM (Blei, Ng &amp; Jordan 2003, §5.3). That step reports the ELBO it computes along
 * the way — at the global factors before the update, with the locals just fitted — and does not
 * call the estimator.
 *
 * <p><strong>The ELBO reported</strong> is the estimator's value before the sweep, as for gradient
 * optimizers ({@link StepReport#elbo()}); the gradients the estimator writes are not used and are
 * zeroed again afterwards, so a CAVI step leaves every gradient zero. {@code gradientNorm} is NaN.
 *
 * <p><strong>Stateless</strong> beyond its configuration, so it does not implement
 * {@link org.vi4j.core.spi.Stateful}: the guide's parameters are the whole state. {@link #reset()}
 * does nothing; {@link #copy()} returns an equal optimizer.
 *
 * <pre>{@code
 * Optimizer cavi = new Cavi(1.0);
 * List<String> problems = cavi.check(model, guide);      // refuses non-conjugate pairs up front
 * }</pre>
 */
public final class Cavi implements Optimizer {

  private final double rho;
  private final int threads;
  private final LocalStepRunner runner;

  /**
   * @param rho the blend ρ ∈ (0, 1] of the new natural parameters with the old (1 = plain CAVI)
   * @param threads threads for a {@link ConditionallyConjugate} model's local step ≥ 1, or 0 for
   *     all available processors
   */
  public Cavi(double rho, int threads) {
    if (!(rho > 0 && rho <= 1)) {
      throw new IllegalArgumentException("cavi: rho must be in (0, 1], got " + rho);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("cavi: threads must be >= 0 (0: all available "
          + "processors), got " + threads);
    }
    this.rho = rho;
    this.threads = threads;
    this.runner = new LocalStepRunner(threads);
  }

  /**
   * @param rho the blend ρ ∈ (0, 1] of the new natural parameters with the old (1 = plain CAVI)
   */
  public Cavi(double rho) {
    this(rho, CaviProvider.THREADS.defaultValue());
  }

  /** Plain CAVI, ρ = 1. */
  public Cavi() {
    this(CaviProvider.RHO.defaultValue());
  }

  /** ρ. */
  public double rho() {
    return rho;
  }

  /** The configured thread count (0: all available processors). */
  public int threads() {
    return threads;
  }

  /**
   * One message per missing capability: the model needs {@link ConjugateUpdates} (or
   * {@link ConditionallyConjugate}), the guide {@link ConjugateFactors}.
   */
  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>(2);
    if (m.as(ConjugateUpdates.class).isEmpty() && m.as(ConditionallyConjugate.class).isEmpty()) {
      problems.add(noUpdates(m));
    }
    if (q.as(ConjugateFactors.class).isEmpty()) {
      problems.add(noFactors(q));
    }
    return problems;
  }

  static String noUpdates(Model m) {
    return "optimizer 'cavi': model '" + m.getClass().getSimpleName() + "' has no closed-form "
        + "updates (it does not implement ConjugateUpdates); use a gradient optimizer such as adam";
  }

  static String noFactors(VariationalFamily q) {
    return "optimizer 'cavi': guide '" + q.getClass().getSimpleName() + "' has no conjugate "
        + "factors (it does not implement ConjugateFactors); use a conjugate mean-field guide such "
        + "as gamma";
  }

  /**
   * One CAVI sweep.
   *
   * @throws IllegalStateException if the model or guide lacks its capability ({@link #check})
   * @throws IllegalArgumentException if a factor's natural parameters and the model's optimum
   *     differ in shape
   */
  @Override
  public StepReport step(Problem problem, Rng rng) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(rng, "rng");
    java.util.Optional<ConjugateUpdates> updates = problem.model().as(ConjugateUpdates.class);
    java.util.Optional<ConditionallyConjugate> globalLocal =
        problem.model().as(ConditionallyConjugate.class);
    if (updates.isEmpty() && globalLocal.isEmpty()) {
      throw new IllegalStateException(noUpdates(problem.model()));
    }
    ConjugateFactors qf = problem.family().as(ConjugateFactors.class)
        .orElseThrow(() -> new IllegalStateException(noFactors(problem.family())));
    Batch batch = problem.batch();
    if (updates.isEmpty()) {
      problem.zeroGrad();
      return StepReport.withoutGradient(problem.step(),
          runner.step(globalLocal.get(), qf, batch, rho));
    }
    ConjugateUpdates cu = updates.get();
    problem.zeroGrad();
    ElboEstimate elbo = problem.estimator().estimate(problem.model(), problem.family(), batch, rng);
    problem.zeroGrad();
    for (String latent : cu.conjugateLatents()) {
      Tensor etaHat = cu.optimalNaturalParameters(latent, qf, batch);
      Tensor eta = etaHat;
      if (rho != 1) {
        Tensor old = qf.naturalParameters(latent, batch);
        if (old.rows() != etaHat.rows() || old.cols() != etaHat.cols()) {
          throw new IllegalArgumentException("cavi: natural parameters of '" + latent + "' are "
              + old.shape() + " in the guide but " + etaHat.shape() + " from the model's update");
        }
        eta = old.mul(1 - rho).add(etaHat.mul(rho));
      }
      qf.setNaturalParameters(latent, batch, eta);
    }
    return StepReport.withoutGradient(problem.step(), elbo);
  }

  /** Nothing to forget. */
  @Override
  public void reset() {
  }

  @Override
  public Cavi copy() {
    return new Cavi(rho, threads);
  }

  @Override
  public String toString() {
    return "cavi{rho=" + rho + ", threads=" + threads + "}";
  }
}
