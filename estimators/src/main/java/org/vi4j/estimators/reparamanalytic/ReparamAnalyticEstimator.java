package org.vi4j.estimators.reparamanalytic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.KlRegistry;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PriorSpec;
import org.vi4j.core.spi.Scope;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.estimators.internal.Estimates;

/**
 * Pathwise ELBO gradient with analytic KL or entropy terms: Kingma &amp; Welling 2014, "Auto-Encoding
 * Variational Bayes", estimator B (their eq. 7), extended to an entropy-only form where the model
 * does not declare a prior.
 *
 * <pre>{@code
 * GradientEstimator est = new ReparamAnalyticEstimator(1);
 * List<String> problems = est.check(model, guide);   // empty: every GLOBAL latent has a closed form
 * ElboEstimate e = est.estimate(model, guide, batch, rng);
 * }</pre>
 *
 * <p><strong>Which closed form, per GLOBAL latent l</strong> (decided the same way in
 * {@link #check} and {@link #estimate}):
 * <ol>
 *   <li><em>KL</em>: the model declares l's prior p<sub>l</sub> ({@link PriorSpec}), the guide has a
 *       factor q<sub>l</sub> for it ({@link FactorizedFamily}) and the KL registry has the pair
 *       (q<sub>l</sub>'s class, p<sub>l</sub>'s class).
 *   <li><em>Entropy</em>: otherwise, the guide has a factor q<sub>l</sub> whose
 *       {@link Distribution#entropy()} has a closed form.
 *   <li>Otherwise {@link #check} refuses, naming l and what would work.
 * </ol>
 * LOCAL latents keep their Monte Carlo terms.
 *
 * <p><strong>Surrogate.</strong> With K the KL latents, H the entropy latents, A = K ∪ H, and
 * particles z<sub>s</sub> = g<sub>φ</sub>(ε<sub>s</sub>), s = 1..S:
 * <pre>
 *   f_s = [log p(x, z_s) − Σ_{l∈K} log p_l(z_{s,l})]         (likelihood and remaining prior terms)
 *       − [log q(z_s) − Σ_{l∈A} log q_l(z_{s,l})]              (log q of the remaining, LOCAL, latents)
 *       − Σ_{l∈K} KL(q_l ‖ p_l) + Σ_{l∈H} H[q_l]                (closed forms, the same for every s)
 *   L̂ = (1/S) Σ_s f_s
 * </pre>
 * Since E<sub>q</sub>[log p<sub>l</sub>(z<sub>l</sub>) − log q<sub>l</sub>(z<sub>l</sub>)] =
 * −KL(q<sub>l</sub> ‖ p<sub>l</sub>) and −E<sub>q</sub>[log q<sub>l</sub>(z<sub>l</sub>)] =
 * H[q<sub>l</sub>], each closed form replaces exactly the Monte Carlo terms it integrates, so
 * E[f<sub>s</sub>] = ELBO and the reported value L̂ is an unbiased ELBO estimate; its gradient,
 * taken pathwise on the tape (the closed forms differentiated exactly in φ and, through the prior,
 * in θ), is an unbiased estimate of ∇ELBO. The standard error is that of the f<sub>s</sub>: the
 * closed forms are constant across particles, so it comes from the Monte Carlo part only.
 *
 * <p>Removing the Monte Carlo terms that the closed forms integrate lowers the variance in the
 * usual case (Kingma &amp; Welling 2014, §2.3); it is not guaranteed for every model and guide.
 *
 * <p>One {@link Tape} per instance, reset on every call: an instance serves one fit at a time.
 */
public final class ReparamAnalyticEstimator implements GradientEstimator {

  private final int particles;
  private final KlRegistry kl;
  private final Tape tape = new Tape();
  private final double[] perParticle;

  /** With the built-in closed forms, {@link KlRegistry#standard()}. */
  public ReparamAnalyticEstimator(int particles) {
    this(particles, KlRegistry.standard());
  }

  /**
   * @param particles Monte Carlo samples S per call, &gt; 0
   * @param kl the closed-form KL divergences to use
   * @throws IllegalArgumentException if {@code particles <= 0}
   */
  public ReparamAnalyticEstimator(int particles, KlRegistry kl) {
    if (!(particles > 0)) {
      throw new IllegalArgumentException("estimator '" + ReparamAnalyticProvider.NAME
          + "': particles must be > 0, got " + particles);
    }
    this.particles = particles;
    this.kl = Objects.requireNonNull(kl, "estimator 'reparam-analytic': kl registry must not be null");
    this.perParticle = new double[particles];
  }

  /** Monte Carlo samples per call. */
  public int particles() {
    return particles;
  }

  /** How one GLOBAL latent's analytic term is formed. */
  enum Analytic {
    /** −KL(q_l ‖ p_l) replaces log p_l(z_l) − log q_l(z_l). */
    KL,
    /** H[q_l] replaces −log q_l(z_l). */
    ENTROPY
  }

  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Estimates.requireArguments(ReparamAnalyticProvider.NAME, m, q, batch, rng);
    if (!q.reparameterizable()) {
      throw new IllegalArgumentException(notReparameterizable(q));
    }
    Optional<PriorSpec> priors = m.as(PriorSpec.class);
    Optional<FactorizedFamily> factors = q.as(FactorizedFamily.class);
    try (Tape t = tape.reset()) {
      t.watch(m.parameters());
      t.watch(q.parameters());
      Draw d = q.draw(batch, rng, particles);
      Estimates.checkDraw(ReparamAnalyticProvider.NAME, q, d, particles);
      Latents z = d.z();
      Tensor logP = Estimates.checkLogJoint(ReparamAnalyticProvider.NAME, m, m.logJoint(z, batch),
          particles);
      Tensor logQ = d.logQ();
      Tensor analytic = null;
      List<Latent> latents = m.latents().latents();
      for (int i = 0; i < latents.size(); i++) {
        Latent l = latents.get(i);
        if (l.scope() != Scope.GLOBAL) {
          continue;
        }
        String name = l.name();
        Distribution qf = factorOf(factors, name);
        Distribution prior = priorOf(priors, name);
        if (qf == null) {
          throw new IllegalArgumentException(noClosedForm(m, q, l, null));
        }
        Tensor zl = z.get(name);
        logQ = logQ.sub(qf.logProb(zl).sumRows());
        Tensor term;
        if (prior != null && kl.has(qf.getClass(), prior.getClass())) {
          logP = logP.sub(prior.logProb(zl).sumRows());
          term = Estimates.sumOverLatent(kl.kl(qf, prior), qf, l.size(),
              "KL(q ‖ prior) of latent '" + name + "'").neg();
        } else {
          Tensor h;
          try {
            h = qf.entropy();
          } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(noClosedForm(m, q, l, qf), e);
          }
          term = Estimates.sumOverLatent(h, qf, l.size(), "entropy of latent '" + name + "'");
        }
        analytic = analytic == null ? term : analytic.add(term);
      }
      Tensor f = logP.sub(logQ);                      // particles x 1, Monte Carlo part
      if (analytic != null) {
        f = f.add(analytic);                          // + the closed forms, broadcast per particle
      }
      Tensor surrogate = f.mean();
      if (surrogate.requiresGrad()) {
        t.backward(surrogate);
      }
      return Estimates.fromParticles(f, perParticle);
    }
  }

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>();
    if (!q.reparameterizable()) {
      problems.add(notReparameterizable(q));
    }
    Optional<PriorSpec> priors = m.as(PriorSpec.class);
    Optional<FactorizedFamily> factors = q.as(FactorizedFamily.class);
    for (Latent l : m.latents().latents()) {
      if (l.scope() != Scope.GLOBAL) {
        continue;
      }
      Distribution qf;
      Distribution prior;
      try {
        qf = factorOf(factors, l.name());
        prior = priorOf(priors, l.name());
      } catch (RuntimeException e) {
        problems.add("estimator '" + ReparamAnalyticProvider.NAME + "': could not read the guide "
            + "factor or model prior of latent '" + l.name() + "': " + e.getMessage());
        continue;
      }
      if (qf == null) {
        problems.add(noClosedForm(m, q, l, null));
      } else if (prior == null || !kl.has(qf.getClass(), prior.getClass())) {
        try {
          qf.entropy();
        } catch (UnsupportedOperationException e) {
          problems.add(noClosedForm(m, q, l, qf));
        }
      }
    }
    return problems;
  }

  /** The guide's factor of {@code latent}, or null if the guide has none. */
  private static Distribution factorOf(Optional<FactorizedFamily> factors, String latent) {
    if (factors.isEmpty() || !factors.get().factorLatents().contains(latent)) {
      return null;
    }
    return factors.get().factor(latent);
  }

  /** The model's prior of {@code latent}, or null if the model declares none. */
  private static Distribution priorOf(Optional<PriorSpec> priors, String latent) {
    if (priors.isEmpty() || !priors.get().priorLatents().contains(latent)) {
      return null;
    }
    return priors.get().prior(latent);
  }

  private static String notReparameterizable(VariationalFamily q) {
    return "estimator '" + ReparamAnalyticProvider.NAME + "' needs a reparameterizable guide "
        + "(pathwise gradients), but guide " + Estimates.describe(q) + " draws z without "
        + "gradients; use the 'score-function' estimator";
  }

  /** Why latent {@code l} has no closed form: {@code qf} is its factor without entropy, or null. */
  private String noClosedForm(Model m, VariationalFamily q, Latent l, Distribution qf) {
    String why;
    if (qf == null) {
      why = "guide " + Estimates.describe(q) + " has no distribution factor for it (it does not "
          + "implement FactorizedFamily covering '" + l.name() + "')";
    } else {
      Distribution prior = m.as(PriorSpec.class)
          .filter(ps -> ps.priorLatents().contains(l.name()))
          .map(ps -> ps.prior(l.name())).orElse(null);
      why = "its guide factor " + qf.name() + " has no closed-form entropy, and "
          + (prior == null
              ? "model " + Estimates.describe(m) + " declares no prior for it (PriorSpec)"
              : "no closed-form KL(" + qf.getClass().getSimpleName() + " ‖ "
                  + prior.getClass().getSimpleName() + ") is registered");
    }
    return "estimator '" + ReparamAnalyticProvider.NAME + "': GLOBAL latent '" + l.name()
        + "' has neither a closed-form KL(q ‖ prior) nor a closed-form entropy: " + why
        + ". Use a guide with closed-form factors (e.g. mean-field normal or gamma), a model that "
        + "declares its priors (PriorSpec) with a registered KL pair, or the 'reparam' estimator";
  }

  @Override
  public String toString() {
    return "ReparamAnalyticEstimator[particles=" + particles + "]";
  }
}
