package org.vi4j.estimators.gumbelsoftmax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Bernoulli;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.distributions.KlRegistry;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.PriorSpec;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.estimators.internal.Estimates;

/**
 * The Gumbel-softmax / Concrete relaxation of binary latents (Jang, Gu &amp; Poole 2017; Maddison,
 * Mnih &amp; Teh 2017): a pathwise gradient through a continuous stand-in for each Bernoulli draw.
 * <strong>It is biased</strong>: the gradient is that of a relaxed objective, not of the ELBO, and
 * the bias grows with the temperature; the straight-through variant is biased too.
 *
 * <pre>{@code
 * GradientEstimator est = new GumbelSoftmaxEstimator(1, 0.5, false);
 * ElboEstimate e = est.estimate(model, guide, batch, rng);    // the true ELBO at hard samples
 * }</pre>
 *
 * <p><strong>Relaxed draw.</strong> For a factor Bernoulli(σ(l)) with logit l, u ~ U(0, 1) and
 * temperature τ,
 * <pre>
 *   z̃ = σ((l + log u − log(1 − u)) / τ)          (the binary Concrete, Maddison et al. §3.3)
 *   z  = 1[l + log u − log(1 − u) &gt; 0]          (the hard sample: exactly Bernoulli(σ(l)))
 * </pre>
 * z̃ → z as τ → 0, where the gradient's variance grows. Straight-through (Bengio et al. 2013): the
 * forward pass uses z and the backward pass z̃'s gradient, z<sub>st</sub> = z̃ + stop(z − z̃).
 *
 * <p><strong>Objective.</strong> The KL to the prior is analytic and only the likelihood is
 * relaxed (as Jang et al. do for their categorical VAE): with p<sub>l</sub> the declared prior
 * ({@link PriorSpec}) and the registered KL(q<sub>l</sub> ‖ p<sub>l</sub>) of each latent,
 * <pre>
 *   f_s = log p(x, z_s) − Σ_l log p_l(z_{s,l}) − Σ_l KL(q_l ‖ p_l)     (LOCAL terms scaled N/B)
 * </pre>
 * and the surrogate is the mean of f<sub>s</sub> at z = z̃ (or z<sub>st</sub>), differentiated
 * pathwise in φ (through z̃ and the KL) and θ. The model must accept values in [0, 1] for its
 * BINARY latents (e.g. {@code bernoulli-topic}'s f<sub>θ</sub>(z) = softmax(zW + b), and the Bernoulli
 * prior's x log α + (1 − x) log(1 − α)). The reported estimate is f at the hard samples — an
 * unbiased estimate of the true ELBO (E<sub>q</sub>[log p(x | z)] − KL) — computed from the same
 * noise: for straight-through it is the forward value itself, otherwise one more evaluation of the
 * model, without gradients.
 *
 * <p><strong>Needs</strong> every latent BINARY, a guide with a Bernoulli factor for each
 * ({@link FactorizedFamily}; LOCAL latents through {@link FactorizedFamily#factor(String, Batch)}),
 * and a model that declares each latent's prior with a registered KL pair. One {@link Tape} per
 * instance, reset on every call.
 */
public final class GumbelSoftmaxEstimator implements GradientEstimator {

  private final int particles;
  private final double temperature;
  private final boolean straightThrough;
  private final KlRegistry kl = KlRegistry.standard();
  private final Tape tape = new Tape();
  private final double[] perParticle;

  /**
   * @param particles relaxed samples S per call, &gt; 0
   * @param temperature τ &gt; 0, finite
   * @param straightThrough hard samples forward, the relaxed gradient backward
   * @throws IllegalArgumentException naming the bad value
   */
  public GumbelSoftmaxEstimator(int particles, double temperature, boolean straightThrough) {
    String where = "estimator '" + GumbelSoftmaxProvider.NAME + "'";
    if (!(particles > 0)) {
      throw new IllegalArgumentException(where + ": particles must be > 0, got " + particles);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(where + ": temperature must be finite and > 0, got "
          + temperature);
    }
    this.particles = particles;
    this.temperature = temperature;
    this.straightThrough = straightThrough;
    this.perParticle = new double[particles];
  }

  /** Relaxed samples per call. */
  public int particles() {
    return particles;
  }

  /** τ. */
  public double temperature() {
    return temperature;
  }

  /** True for the straight-through variant. */
  public boolean straightThrough() {
    return straightThrough;
  }

  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Estimates.requireArguments(GumbelSoftmaxProvider.NAME, m, q, batch, rng);
    List<String> problems = check(m, q);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    FactorizedFamily ff = q.as(FactorizedFamily.class).orElseThrow();
    PriorSpec ps = m.as(PriorSpec.class).orElseThrow();
    List<Latent> latents = m.latents().latents();
    try (Tape t = tape.reset()) {
      t.watch(m.parameters());
      t.watch(q.parameters());
      Latents.Builder relaxedZ = Latents.builder(particles);
      Latents.Builder hardZ = Latents.builder(particles);
      Tensor[] relaxed = new Tensor[latents.size()];
      Tensor[] hard = new Tensor[latents.size()];
      Tensor klTotal = null;
      int b = batch.size();
      double scale = batch.scale();
      for (int li = 0; li < latents.size(); li++) {
        Latent l = latents.get(li);
        Bernoulli qf = (Bernoulli) (l.local() ? ff.factor(l.name(), batch) : ff.factor(l.name()));
        int r = l.local() ? b : 1;
        if (qf.rows() != r || (qf.cols() != l.size() && qf.cols() != 1)) {
          throw new IllegalStateException("estimator '" + GumbelSoftmaxProvider.NAME + "': guide "
              + Estimates.describe(q) + " gave latent '" + l.name() + "' a factor of shape "
              + qf.rows() + "x" + qf.cols() + ", expected " + r + "x" + l.size());
        }
        Tensor logits = qf.logits();
        if (logits.cols() != l.size()) {
          logits = logits.add(t.constant(r, l.size()));          // broadcast 1 column over the block
        }
        Tensor rep = particles == 1 ? logits : logits.repeatRows(particles);
        Tensor noise = t.constant(rep.rows(), rep.cols());
        Tensor hardValues = t.constant(rep.rows(), rep.cols());
        double[] e = noise.value().data;
        double[] h = hardValues.value().data;
        double[] lv = rep.value().data;
        for (int k = 0, n = rep.size(); k < n; k++) {
          double u = rng.nextOpenDouble();
          e[k] = Math.log(u) - Math.log1p(-u);
          h[k] = lv[k] + e[k] > 0 ? 1.0 : 0.0;
        }
        Tensor soft = rep.add(noise).mul(1.0 / temperature).sigmoid();
        relaxed[li] = straightThrough ? soft.add(hardValues.sub(soft).stopGradient()) : soft;
        hard[li] = hardValues;
        relaxedZ.put(l.name(), relaxed[li]);
        hardZ.put(l.name(), hardValues);
        Distribution prior = ps.prior(l.name());
        Tensor k = l.local()
            ? Estimates.perRowOverLatent(kl.kl(qf, prior), qf, l.size(), b,
                "KL(q ‖ prior)", l.name()).sum().mul(scale)
            : Estimates.sumOverLatent(kl.kl(qf, prior), qf, l.size(),
                "KL(q ‖ prior)", l.name());
        klTotal = klTotal == null ? k : klTotal.add(k);
      }
      Latents z = relaxedZ.build();
      Tensor f = likelihood(m, ps, latents, z, batch).sub(klTotal);     // particles x 1
      Tensor surrogate = f.mean();
      if (surrogate.requiresGrad()) {
        t.backward(surrogate);
      }
      if (straightThrough) {
        return Estimates.fromParticles(f, perParticle);
      }
      Tensor atHard = likelihood(m, ps, latents, hardZ.build(), batch).sub(klTotal);
      return Estimates.fromParticles(atHard, perParticle);
    }
  }

  /** log p(x, z) − Σ_l log p_l(z_l) per particle (LOCAL prior terms scaled N/B like the model's). */
  private Tensor likelihood(Model m, PriorSpec ps, List<Latent> latents, Latents z, Batch batch) {
    Tensor logP = Estimates.checkLogJoint(GumbelSoftmaxProvider.NAME, m, m.logJoint(z, batch),
        particles);
    for (Latent l : latents) {
      Tensor lp = ps.prior(l.name()).logProb(z.get(l.name())).sumRows();
      logP = logP.sub(l.local()
          ? Estimates.perParticle(lp, particles, batch.size()).mul(batch.scale()) : lp);
    }
    return logP;
  }

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    List<String> problems = new ArrayList<>();
    String me = "estimator '" + GumbelSoftmaxProvider.NAME + "'";
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    Optional<PriorSpec> ps = m.as(PriorSpec.class);
    for (Latent l : m.latents().latents()) {
      if (l.support() != Support.BINARY) {
        problems.add(me + " relaxes BINARY latents; latent " + l.describe() + " is not one: use "
            + (l.support().discrete() ? "'score-function' or 'enumerate'" : "'reparam'"));
        continue;
      }
      Distribution qf = null;
      if (ff.isEmpty() || !ff.get().factorLatents().contains(l.name())) {
        problems.add(me + " needs the guide's Bernoulli factor of latent '" + l.name()
            + "' (FactorizedFamily, e.g. the 'amortized' guide) for its logits; "
            + Estimates.describe(q) + " has none");
      } else {
        qf = ff.get().factor(l.name());
        if (!(qf instanceof Bernoulli)) {
          problems.add(me + " needs a Bernoulli factor (its logits) for latent '" + l.name()
              + "'; guide " + Estimates.describe(q) + " gives " + qf.name());
          qf = null;
        }
      }
      Distribution prior = ps.isPresent() && ps.get().priorLatents().contains(l.name())
          ? ps.get().prior(l.name()) : null;
      if (prior == null) {
        problems.add(me + " uses the closed-form KL(q ‖ prior) and needs model "
            + Estimates.describe(m) + " to declare the prior of latent '" + l.name()
            + "' (PriorSpec); use 'score-function' or 'enumerate'");
      } else if (qf != null && !kl.has(qf.getClass(), prior.getClass())) {
        problems.add(me + ": no closed-form KL(" + qf.getClass().getSimpleName() + " ‖ "
            + prior.getClass().getSimpleName() + ") is registered for latent '" + l.name()
            + "'; use 'score-function' or 'enumerate'");
      }
    }
    return problems;
  }

  @Override
  public String toString() {
    return "GumbelSoftmaxEstimator[particles=" + particles + ", temperature=" + temperature
        + (straightThrough ? ", straight-through" : "") + "]";
  }
}
