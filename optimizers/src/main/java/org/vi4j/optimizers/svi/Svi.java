package org.vi4j.optimizers.svi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.ConditionallyConjugate;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.Problem;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.optimizers.schedule.RobbinsMonro;

/**
 * Stochastic variational inference (Hoffman, Blei &amp; Bach 2010, "Online Learning for Latent
 * Dirichlet Allocation", NIPS; Hoffman, Blei, Wang &amp; Paisley 2013, "Stochastic Variational
 * Inference", JMLR 14, Algorithm 1) for any model with {@link ConditionallyConjugate} and a guide
 * with {@link ConjugateFactors}: each step takes the loop's minibatch of B of the N rows, fits the
 * local factors of those rows to convergence given the global ones (in parallel, in parts), forms
 * the intermediate global parameters λ̂ = η₀ + (N/B) Σ_batch E[t(x_n, z_n)] and takes the natural-
 * gradient step
 * <pre>
 *   λ ← (1 − ρ_t) λ + ρ_t λ̂,     ρ_t = (τ0 + t)^−κ,  t = 1, 2, … (Problem.step() + 1)
 * </pre>
 * (scikit-learn's {@code LatentDirichletAllocation(learning_method='online')} counts t the same
 * way: {@code learning_offset} = τ0, {@code learning_decay} = κ). κ ∈ (0.5, 1] makes ρ_t satisfy
 * the Robbins–Monro conditions; τ0 ≥ 0 down-weights the early steps (τ0 = 0: the first step takes
 * the batch's optimum).
 *
 * <pre>{@code
 * FitResult fit = Inference.builder().model(lda).guide(new LdaGuide(lda, Rng.seeded(1)))
 *     .estimator(new ClosedFormEstimator()).optimizer(new Svi(10, 0.7))
 *     .batchSize(256).stopAfterSteps(200).build().run();
 * }</pre>
 *
 * <p><strong>Stateless</strong> beyond its configuration: t is the loop's step index, so a run
 * resumed from a checkpoint continues the schedule where it stopped, and a rejected step is retried
 * with the same ρ_t. {@link #reset()} does nothing; {@link #copy()} returns an equal optimizer.
 *
 * <p><strong>The ELBO reported</strong> is (N/B) Σ_batch (local ELBO terms) + (global terms) at the
 * global factors before the update, with the batch's fresh local factors (Hoffman et al. 2010's
 * minibatch estimate): exact for full batches, noisy otherwise. The estimator is not called.
 * Parallelism and determinism: {@link LocalStepRunner}.
 */
public final class Svi implements Optimizer {

  private final double tau0;
  private final double kappa;
  private final int threads;
  private final RobbinsMonro schedule;
  private final LocalStepRunner runner;

  /**
   * @param tau0 the delay τ0 ≥ 0 (finite)
   * @param kappa the forgetting rate κ ∈ (0.5, 1]
   * @param threads threads for the local step ≥ 1, or 0 for all available processors
   */
  public Svi(double tau0, double kappa, int threads) {
    if (!(tau0 >= 0 && tau0 < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("svi: tau0 must be finite and >= 0, got " + tau0);
    }
    if (!(kappa > 0.5 && kappa <= 1)) {
      throw new IllegalArgumentException("svi: kappa must be in (0.5, 1] (the Robbins-Monro "
          + "conditions), got " + kappa);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("svi: threads must be >= 0 (0: all available "
          + "processors), got " + threads);
    }
    this.tau0 = tau0;
    this.kappa = kappa;
    this.threads = threads;
    this.schedule = new RobbinsMonro(tau0 + 1, kappa);
    this.runner = new LocalStepRunner(threads);
  }

  /** All available processors. */
  public Svi(double tau0, double kappa) {
    this(tau0, kappa, 0);
  }

  /** The defaults of {@link SviProvider} (τ0 = 10, κ = 0.7, as scikit-learn). */
  public Svi() {
    this(SviProvider.TAU0.defaultValue(), SviProvider.KAPPA.defaultValue(),
        SviProvider.THREADS.defaultValue());
  }

  /** τ0. */
  public double tau0() {
    return tau0;
  }

  /** κ. */
  public double kappa() {
    return kappa;
  }

  /** The configured thread count (0: all available processors). */
  public int threads() {
    return threads;
  }

  /** ρ_t of the step with 0-based index {@code step}: (τ0 + step + 1)^−κ. */
  public double rho(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("svi: step must be >= 0, got " + step);
    }
    return schedule.rate(step);
  }

  /**
   * One message per missing capability: the model needs {@link ConditionallyConjugate}, the guide
   * {@link ConjugateFactors}.
   */
  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>(2);
    if (m.as(ConditionallyConjugate.class).isEmpty()) {
      problems.add(noCapability(m));
    }
    if (q.as(ConjugateFactors.class).isEmpty()) {
      problems.add(noFactors(q));
    }
    return problems;
  }

  private static String noCapability(Model m) {
    return "optimizer 'svi': model '" + m.getClass().getSimpleName() + "' has no global/local "
        + "conjugate structure (it does not implement ConditionallyConjugate); use cavi for a "
        + "model with ConjugateUpdates, or a gradient optimizer such as adam with minibatches";
  }

  private static String noFactors(VariationalFamily q) {
    return "optimizer 'svi': guide '" + q.getClass().getSimpleName() + "' has no conjugate "
        + "factors (it does not implement ConjugateFactors); use the model's own mean-field guide";
  }

  /**
   * One stochastic natural-gradient step on the problem's batch.
   *
   * @throws IllegalStateException if the model or guide lacks its capability ({@link #check})
   */
  @Override
  public StepReport step(Problem problem, Rng rng) {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(rng, "rng");
    ConditionallyConjugate cc = problem.model().as(ConditionallyConjugate.class)
        .orElseThrow(() -> new IllegalStateException(noCapability(problem.model())));
    ConjugateFactors qf = problem.family().as(ConjugateFactors.class)
        .orElseThrow(() -> new IllegalStateException(noFactors(problem.family())));
    ElboEstimate elbo = runner.step(cc, qf, problem.batch(), rho(problem.step()));
    return StepReport.withoutGradient(problem.step(), elbo);
  }

  /** Nothing to forget. */
  @Override
  public void reset() {
  }

  @Override
  public Svi copy() {
    return new Svi(tau0, kappa, threads);
  }

  @Override
  public String toString() {
    return "svi{tau0=" + tau0 + ", kappa=" + kappa + ", threads=" + threads + "}";
  }
}
