package org.vi4j.estimators.scorefunction;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.ElboEstimate;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Scope;
import org.vi4j.core.spi.Stateful;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.estimators.internal.Estimates;

/**
 * The score-function (REINFORCE, likelihood-ratio) ELBO gradient with a baseline: Williams 1992;
 * Paisley, Blei &amp; Jordan 2012; Ranganath, Gerrish &amp; Blei 2014 ("Black Box Variational
 * Inference"). It needs no gradient through z, so it works for discrete latents.
 *
 * <pre>{@code
 * GradientEstimator est = new ScoreFunctionEstimator(10, Baseline.LEAVE_ONE_OUT, 0.9);
 * ElboEstimate e = est.estimate(model, guide, batch, rng);
 * }</pre>
 *
 * <p><strong>Surrogate</strong> (Pyro's {@code Trace_ELBO} for non-reparameterised sites). Draw
 * z<sub>s</sub> ~ q(·; φ), s = 1..S, held constant (no pathwise gradient), and let
 * <pre>
 *   f_s = log p(x, z_s; θ) − log q(z_s; φ)                       (the learning signal; its value)
 *   b_s = the baseline ({@link Baseline}), independent of z_s
 *   surrogate = (1/S) Σ_s [ stop(f_s − b_s) · log q(z_s; φ) + log p(x, z_s; θ) ]
 * </pre>
 * where stop(·) blocks gradients. Then
 * <ul>
 *   <li>∇φ surrogate = (1/S) Σ_s (f_s − b_s) ∇φ log q(z_s; φ). Since ∇φ ELBO =
 *       E<sub>q</sub>[f ∇φ log q] − E<sub>q</sub>[∇φ log q] and E<sub>q</sub>[∇φ log q] = ∫∇φ q = 0,
 *       ∇φ ELBO = E<sub>q</sub>[(f − b) ∇φ log q] for any b independent of z: unbiased. The direct
 *       term −∇φ log q(z<sub>s</sub>) that the surrogate {@code stop(f − b)·log q + (log p − log q)}
 *       would add has mean 0, so it is left out (keeping it only shifts every b by 1), as Pyro's
 *       {@code Trace_ELBO} leaves it out for non-reparameterised sites.
 *   <li>∇θ surrogate = (1/S) Σ_s ∇θ log p(x, z<sub>s</sub>; θ): unbiased for ∇θ ELBO since q does
 *       not depend on θ.
 * </ul>
 * The reported value is the mean of the f<sub>s</sub> with their standard error; the surrogate's
 * own value is not an ELBO.
 *
 * <p><strong>Guides.</strong> A guide that is not reparameterizable already returns constant z
 * and a log q differentiable in φ: used as is. A reparameterizable guide returns z with pathwise
 * gradients, which would count ∇φ twice; so for it the estimator detaches every block
 * (stop(z)) and re-evaluates log q = Σ<sub>l</sub> log q<sub>l</sub>(stop(z<sub>l</sub>)) from its
 * {@link FactorizedFamily} factors, and log p on the detached z. That requires the guide to
 * implement {@link FactorizedFamily} covering every latent of the model, all GLOBAL; {@link #check}
 * refuses other reparameterizable guides.
 *
 * <p><strong>State.</strong> The moving-average baseline's running value is state
 * ({@link Stateful}); the other baselines have none (their state is just the configuration).
 * One {@link Tape} per instance, reset on every call: an instance serves one fit at a time.
 */
public final class ScoreFunctionEstimator implements GradientEstimator, Stateful {

  private static final String STATE_TAG = "vi4j/" + ScoreFunctionProvider.NAME + "/v1";

  private final int particles;
  private final Baseline baseline;
  private final double decay;
  private final Tape tape = new Tape();
  private final double[] perParticle;
  /** f_s − b_s per particle. */
  private final double[] signal;
  /** True once the moving average holds a value. */
  private boolean hasAverage;
  /** The moving average of past mean f (moving-average baseline only). */
  private double average;

  /**
   * @param particles Monte Carlo samples S per call, &gt; 0, and ≥ 2 for leave-one-out
   * @param baseline the control variate
   * @param decay the moving average's decay in [0, 1); read only for {@link Baseline#MOVING_AVERAGE}
   * @throws IllegalArgumentException naming the bad value and what is accepted
   */
  public ScoreFunctionEstimator(int particles, Baseline baseline, double decay) {
    String where = "estimator '" + ScoreFunctionProvider.NAME + "'";
    Objects.requireNonNull(baseline, () -> where + ": baseline must not be null");
    if (!(particles > 0)) {
      throw new IllegalArgumentException(where + ": particles must be > 0, got " + particles);
    }
    if (baseline == Baseline.LEAVE_ONE_OUT && particles < 2) {
      throw new IllegalArgumentException(where + ": baseline leave-one-out needs particles >= 2 "
          + "(each particle's baseline is the mean of the others), got particles = " + particles
          + "; use more particles, or baseline none or moving-average");
    }
    if (!(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException(where + ": decay must be in [0, 1), got " + decay);
    }
    this.particles = particles;
    this.baseline = baseline;
    this.decay = decay;
    this.perParticle = new double[particles];
    this.signal = new double[particles];
  }

  /** Monte Carlo samples per call. */
  public int particles() {
    return particles;
  }

  /** The baseline. */
  public Baseline baseline() {
    return baseline;
  }

  /** The moving average's decay. */
  public double decay() {
    return decay;
  }

  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Estimates.requireArguments(ScoreFunctionProvider.NAME, m, q, batch, rng);
    try (Tape t = tape.reset()) {
      t.watch(m.parameters());
      t.watch(q.parameters());
      Draw d = q.draw(batch, rng, particles);
      Estimates.checkDraw(ScoreFunctionProvider.NAME, q, d, particles);
      Latents z;
      Tensor logQ;
      if (q.reparameterizable()) {
        FactorizedFamily ff = factorsCoveringAll(m, q).orElseThrow(
            () -> new IllegalArgumentException(reparamRefusal(m, q)));
        Latents.Builder b = Latents.builder(particles);
        logQ = null;
        List<Latent> latents = m.latents().latents();
        for (int i = 0; i < latents.size(); i++) {
          String name = latents.get(i).name();
          Tensor zc = d.z().get(name).stopGradient();
          b.put(name, zc);
          Tensor lq = ff.factor(name).logProb(zc).sumRows();
          logQ = logQ == null ? lq : logQ.add(lq);
        }
        z = b.build();
        if (logQ == null) {
          logQ = d.logQ().stopGradient();             // a model with no latents: log q is constant
        }
      } else {
        z = d.z();
        logQ = d.logQ();
      }
      Tensor logP = Estimates.checkLogJoint(ScoreFunctionProvider.NAME, m, m.logJoint(z, batch),
          particles);
      Tensor f = logP.sub(logQ);
      System.arraycopy(f.value().data, 0, perParticle, 0, particles);
      double meanF = fillSignal();
      Tensor w = t.constant(particles, 1);
      System.arraycopy(signal, 0, w.value().data, 0, particles);
      Tensor surrogate = w.mul(logQ).add(logP).mean();
      if (surrogate.requiresGrad()) {
        t.backward(surrogate);
      }
      if (baseline == Baseline.MOVING_AVERAGE && Double.isFinite(meanF)) {
        average = hasAverage ? decay * average + (1 - decay) * meanF : meanF;
        hasAverage = true;
      }
      return ElboEstimate.fromSamples(perParticle);
    }
  }

  /** Writes f_s − b_s into {@link #signal}; returns mean f. */
  private double fillSignal() {
    double sum = 0;
    for (int s = 0; s < particles; s++) {
      sum += perParticle[s];
    }
    double mean = sum / particles;
    switch (baseline) {
      case NONE -> System.arraycopy(perParticle, 0, signal, 0, particles);
      case MOVING_AVERAGE -> {
        double b = hasAverage ? average : 0.0;
        for (int s = 0; s < particles; s++) {
          signal[s] = perParticle[s] - b;
        }
      }
      case LEAVE_ONE_OUT -> {
        // f_s − (Σ_{j≠s} f_j)/(S−1) = S/(S−1)·(f_s − mean f), which is also stabler numerically.
        double k = particles / (particles - 1.0);
        for (int s = 0; s < particles; s++) {
          signal[s] = k * (perParticle[s] - mean);
        }
      }
      default -> throw new IllegalStateException("unhandled baseline " + baseline);
    }
    return mean;
  }

  @Override
  public List<String> check(Model m, VariationalFamily q) {
    if (q.reparameterizable() && factorsCoveringAll(m, q).isEmpty()) {
      return List.of(reparamRefusal(m, q));
    }
    return List.of();
  }

  /** The guide's factors if they cover every latent of {@code m} and all are GLOBAL. */
  private static Optional<FactorizedFamily> factorsCoveringAll(Model m, VariationalFamily q) {
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    if (ff.isEmpty()) {
      return ff;
    }
    List<String> covered = ff.get().factorLatents();
    for (Latent l : m.latents().latents()) {
      if (l.scope() != Scope.GLOBAL || !covered.contains(l.name())) {
        return Optional.empty();
      }
    }
    return ff;
  }

  private static String reparamRefusal(Model m, VariationalFamily q) {
    StringBuilder why = new StringBuilder();
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    for (Latent l : m.latents().latents()) {
      if (l.scope() != Scope.GLOBAL) {
        why.append(why.length() == 0 ? "" : ", ").append("'").append(l.name()).append("' is LOCAL");
      } else if (ff.isEmpty() || !ff.get().factorLatents().contains(l.name())) {
        why.append(why.length() == 0 ? "" : ", ").append("'").append(l.name())
            .append("' has no guide factor");
      }
    }
    return "estimator '" + ScoreFunctionProvider.NAME + "': guide " + Estimates.describe(q)
        + " is reparameterizable, so its z carries pathwise gradients that the score function "
        + "would count twice; the estimator detaches z and re-evaluates log q from the guide's "
        + "FactorizedFamily factors, which needs a factor for every latent of model "
        + Estimates.describe(m) + ", all GLOBAL (" + why + "). Use the 'reparam' estimator for "
        + "this guide, or a non-reparameterizable guide";
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    out.writeUTF(STATE_TAG);
    out.writeUTF(baseline.name());
    out.writeDouble(decay);
    out.writeBoolean(hasAverage);
    out.writeDouble(average);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    String tag = in.readUTF();
    if (!STATE_TAG.equals(tag)) {
      throw new IllegalArgumentException("estimator '" + ScoreFunctionProvider.NAME + "': state "
          + "was written by '" + tag + "', expected '" + STATE_TAG + "'");
    }
    String b = in.readUTF();
    double d = in.readDouble();
    boolean has = in.readBoolean();
    double avg = in.readDouble();
    if (!baseline.name().equals(b) || Double.doubleToLongBits(d) != Double.doubleToLongBits(decay)) {
      throw new IllegalArgumentException("estimator '" + ScoreFunctionProvider.NAME + "': state "
          + "was written with baseline " + b + ", decay " + d + "; this estimator has baseline "
          + baseline + ", decay " + decay);
    }
    hasAverage = has;
    average = avg;
  }

  @Override
  public String toString() {
    return "ScoreFunctionEstimator[particles=" + particles + ", baseline=" + baseline
        + (baseline == Baseline.MOVING_AVERAGE ? ", decay=" + decay : "") + "]";
  }
}
