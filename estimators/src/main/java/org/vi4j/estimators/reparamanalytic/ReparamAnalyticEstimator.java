package org.vi4j.estimators.reparamanalytic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
import org.vi4j.core.spi.KlWeighted;
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
 * A LOCAL latent l gets the closed form too when the model declares its prior (shape 1 x size,
 * the same for every row) and the guide's factor for the batch has one row per batch row (an
 * amortised guide, {@code q(z_i | x_i)}) with a registered KL pair: its Monte Carlo terms
 * (N/B) Σ_i [log p_l(z_{s,i}) − log q_l(z_{s,i})] are replaced by −(N/B) Σ_i KL(q_l(· | x_i) ‖ p_l),
 * AEVB's estimator B for the VAE (Kingma &amp; Welling 2014, eq. 10). Other LOCAL latents keep
 * their Monte Carlo terms.
 *
 * <p><strong>KL weight.</strong> For a {@link KlWeighted} model with weight α, the KL terms enter
 * the differentiated surrogate as −α·KL (a warm-up); the reported estimate keeps −KL, the true
 * ELBO.
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
 * <p>One {@link Tape} per instance, reset on every call: an instance serves one fit at a time. The
 * model's and guide's capabilities ({@link Model#as}) are looked up once per model and guide
 * object, so a training step allocates nothing here but its {@link ElboEstimate}.
 */
public final class ReparamAnalyticEstimator implements GradientEstimator {

  private final int particles;
  private final KlRegistry kl;
  private final Tape tape = new Tape();
  private final double[] perParticle;
  // capabilities of the latest model and guide, looked up once per object (Optional-free steps)
  private Model capabilitiesOf;
  private VariationalFamily factorsOf;
  private PriorSpec priorSpec;
  private KlWeighted klWeighted;
  private FactorizedFamily factorized;

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
    capabilities(m, q);
    PriorSpec priors = priorSpec;
    FactorizedFamily factors = factorized;
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
      Tensor klTotal = null;
      List<Latent> latents = m.latents().latents();
      for (int i = 0; i < latents.size(); i++) {
        Latent l = latents.get(i);
        String name = l.name();
        if (l.scope() != Scope.GLOBAL) {
          Distribution qf = factorOf(factors, name);
          Distribution prior = priorOf(priors, name);
          if (qf == null || prior == null || !kl.has(qf.getClass(), prior.getClass())) {
            continue;                                 // LOCAL: Monte Carlo terms stay
          }
          int b = batch.size();
          double scale = batch.scale();
          Tensor zl = z.get(name);
          logQ = logQ.sub(perParticle(qf.logProb(zl).sumRows(), particles, b).mul(scale));
          logP = logP.sub(perParticle(prior.logProb(zl).sumRows(), particles, b).mul(scale));
          Tensor klSum = sumLocal(kl.kl(qf, prior), l.size(), b, name).mul(scale);
          klTotal = klTotal == null ? klSum : klTotal.add(klSum);
          Tensor term = klSum.neg();
          analytic = analytic == null ? term : analytic.add(term);
          continue;
        }
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
          Tensor klSum = Estimates.sumOverLatent(kl.kl(qf, prior), qf, l.size(),
              "KL(q ‖ prior)", name);
          klTotal = klTotal == null ? klSum : klTotal.add(klSum);
          term = klSum.neg();
        } else {
          Tensor h;
          try {
            h = qf.entropy();
          } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(noClosedForm(m, q, l, qf), e);
          }
          term = Estimates.sumOverLatent(h, qf, l.size(), "entropy", name);
        }
        analytic = analytic == null ? term : analytic.add(term);
      }
      Tensor f = logP.sub(logQ);                      // particles x 1, Monte Carlo part
      if (analytic != null) {
        f = f.add(analytic);                          // + the closed forms, broadcast per particle
      }
      Tensor surrogate = f.mean();
      double alpha = klWeight(m, klWeighted);
      if (klTotal != null && alpha != 1.0) {
        surrogate = surrogate.add(klTotal.mul(1.0 - alpha));   // −α·KL in the gradient only
      }
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
    PriorSpec priors = m.as(PriorSpec.class).orElse(null);
    FactorizedFamily factors = q.as(FactorizedFamily.class).orElse(null);
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

  /** Σ over the batch rows of a per-row term, per particle: (particles·B) x 1 → particles x 1. */
  private static Tensor perParticle(Tensor rows, int particles, int b) {
    return particles == 1 ? rows.sum() : rows.reshape(particles, b).sumRows();
  }

  /**
   * The 1x1 sum over a LOCAL block of a closed-form term given per batch row (B x size, or B x 1
   * broadcast over the block's columns).
   */
  private static Tensor sumLocal(Tensor term, int size, int b, String latent) {
    if (term.rows() != b || (term.cols() != size && term.cols() != 1)) {
      throw new IllegalArgumentException("KL(q ‖ prior) of LOCAL latent '" + latent + "' is " + term.shape() + "; a LOCAL latent's factor "
          + "needs a parameter shape of one row per batch row (" + b + "x" + size + " or " + b
          + "x1)");
    }
    return term.cols() == size ? term.sum() : term.sum().mul(size);
  }

  /**
   * Looks up the capabilities of {@code m} and {@code q} when they are not the objects of the last
   * call: {@link Model#as} and {@link VariationalFamily#as} answer for an object, not for a step.
   */
  private void capabilities(Model m, VariationalFamily q) {
    if (m != capabilitiesOf) {
      priorSpec = m.as(PriorSpec.class).orElse(null);
      klWeighted = m.as(KlWeighted.class).orElse(null);
      capabilitiesOf = m;
    }
    if (q != factorsOf) {
      factorized = q.as(FactorizedFamily.class).orElse(null);
      factorsOf = q;
    }
  }

  /** α of a {@link KlWeighted} model (read after its log joint), else 1. */
  private static double klWeight(Model m, KlWeighted w) {
    if (w == null) {
      return 1.0;
    }
    double a = w.klWeight();
    if (!(a >= 0 && a <= 1)) {
      throw new IllegalStateException("estimator '" + ReparamAnalyticProvider.NAME + "': model "
          + Estimates.describe(m) + " gave KL weight " + a + "; accepted: [0, 1]");
    }
    return a;
  }

  /** The guide's factor of {@code latent}, or null if the guide has none. */
  private static Distribution factorOf(FactorizedFamily factors, String latent) {
    if (factors == null || !factors.factorLatents().contains(latent)) {
      return null;
    }
    return factors.factor(latent);
  }

  /** The model's prior of {@code latent}, or null if the model declares none. */
  private static Distribution priorOf(PriorSpec priors, String latent) {
    if (priors == null || !priors.priorLatents().contains(latent)) {
      return null;
    }
    return priors.prior(latent);
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
