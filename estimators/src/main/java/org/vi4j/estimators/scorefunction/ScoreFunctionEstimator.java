package org.vi4j.estimators.scorefunction;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vi4j.core.autodiff.Param;
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
import org.vi4j.core.spi.PointwiseLogJoint;
import org.vi4j.core.spi.Scope;
import org.vi4j.core.spi.Stateful;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.estimators.internal.Estimates;

/**
 * The score-function (REINFORCE, likelihood-ratio) ELBO gradient with a baseline: Williams 1992;
 * Paisley, Blei &amp; Jordan 2012; Ranganath, Gerrish &amp; Blei 2014 ("Black Box Variational
 * Inference"); Mnih &amp; Gregor 2014 (NVIL). It needs no gradient through z, so it works for
 * discrete latents.
 *
 * <pre>{@code
 * GradientEstimator est = new ScoreFunctionEstimator(10, Baseline.LEAVE_ONE_OUT, 0.9);
 * GradientEstimator nvil = ScoreFunctionEstimator.builder().particles(1).baseline(Baseline.NVIL)
 *     .analyticKl(true).build();
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
 * <p><strong>Per-row learning signals.</strong> When every latent is LOCAL, the model gives its log
 * joint per data row ({@link PointwiseLogJoint}) and the guide a per-row factor of every latent
 * ({@link FactorizedFamily}, e.g. the amortised guide q(z<sub>i</sub> | x<sub>i</sub>)), the ELBO is
 * a sum of independent row terms and each row's signal multiplies only its own score:
 * <pre>
 *   f_{s,i} = log p(x_i, z_{s,i}) − log q(z_{s,i} | x_i)
 *   surrogate = (N/B)(1/S) Σ_s Σ_i [ stop(f_{s,i} − b_{s,i}) log q(z_{s,i} | x_i) + log p(x_i, z_{s,i}) ]
 * </pre>
 * Unbiased as above, and since z<sub>j</sub> is independent of z<sub>i</sub> for j ≠ i, the terms
 * f<sub>j</sub> ∇ log q(z<sub>i</sub>) the whole-batch signal would add have mean 0: dropping them
 * removes B − 1 rows' noise from every row's score (the variance would otherwise grow with the
 * batch). Baselines then act per row: the moving average is that of f<sub>s,i</sub>, leave-one-out
 * leaves out the other particles of the same row, and {@link Baseline#NVIL} (which needs this mode)
 * reads each row's data x<sub>i</sub>. Otherwise signals are per particle, f<sub>s</sub> summed over
 * the batch.
 *
 * <p><strong>Analytic KL</strong> ({@code analyticKl}, off by default). For each latent whose prior
 * the model declares ({@link org.vi4j.core.spi.PriorSpec}) and whose guide factor has a registered
 * closed-form KL ({@link KlRegistry}) — GLOBAL latents with per-particle signals, LOCAL ones with
 * per-row signals — the Monte Carlo terms log p<sub>l</sub>(z) − log q<sub>l</sub>(z) in f are
 * replaced by −KL(q<sub>l</sub> ‖ p<sub>l</sub>), and the surrogate gets −KL, differentiated
 * exactly. The score term still uses the whole log q (it carries ∇φ of the likelihood term), and
 * −KL is constant in z, so the estimate stays unbiased; only the likelihood's noise is left in f.
 * Latents without a closed form keep their Monte Carlo terms. With NVIL's variance normalisation
 * the KL term's gradient is divided by the same max(1, √v) as the score term's, so the guide's whole
 * gradient is rescaled (were the prior to depend on θ, its KL gradient in θ would be rescaled too).
 *
 * <p><strong>Guides.</strong> A guide that is not reparameterizable already returns constant z
 * and a log q differentiable in φ: used as is. A reparameterizable guide returns z with pathwise
 * gradients, which would count ∇φ twice; so for it the estimator detaches every block
 * (stop(z)) and re-evaluates log q = Σ<sub>l</sub> log q<sub>l</sub>(stop(z<sub>l</sub>)) from its
 * {@link FactorizedFamily} factors, and log p on the detached z. That requires the guide to
 * implement {@link FactorizedFamily} covering every latent of the model, all GLOBAL, or all LOCAL
 * with per-row signals; {@link #check} refuses other reparameterizable guides.
 *
 * <p><strong>State.</strong> The moving-average baseline's running value and NVIL's (c, v, the
 * network ψ and its Adam moments) are state ({@link Stateful}); the other baselines have none. NVIL's
 * network is made on the first call, sized by the batch's data columns. One {@link Tape} per
 * instance, reset on every call: an instance serves one fit at a time.
 */
public final class ScoreFunctionEstimator implements GradientEstimator, Stateful {

  private static final String STATE_TAG = "vi4j/" + ScoreFunctionProvider.NAME + "/v2";

  private final int particles;
  private final Baseline baseline;
  private final double decay;
  private final boolean analyticKl;
  private final int baselineHidden;
  private final double baselineLr;
  private final boolean normalize;
  private final KlRegistry kl = KlRegistry.standard();
  private final Tape tape = new Tape();
  private final double[] perParticle;
  /** f_s − b_s per particle, or per particle and row. */
  private double[] signal;
  /** True once the moving average (or NVIL's c and v) holds a value. */
  private boolean hasAverage;
  /** The moving average of past mean f (moving-average baseline), or NVIL's c. */
  private double average;
  /** NVIL's running variance v of f − b_ψ(x). */
  private double variance;
  /** NVIL's network, made on the first call. */
  private BaselineNetwork network;
  /** NVIL: −∂/∂b_ψ(x_i) of its loss, per batch row. */
  private double[] nvilGrad = new double[0];
  /** The factor 1 / max(1, √v) NVIL applied at the last call (1 otherwise). */
  private double lastNormalization = 1.0;

  /**
   * @param particles Monte Carlo samples S per call, &gt; 0, and ≥ 2 for leave-one-out
   * @param baseline the control variate
   * @param decay the moving average's decay in [0, 1); read for {@link Baseline#MOVING_AVERAGE}
   *     and {@link Baseline#NVIL}
   * @throws IllegalArgumentException naming the bad value and what is accepted
   */
  public ScoreFunctionEstimator(int particles, Baseline baseline, double decay) {
    this(builder().particles(particles).baseline(baseline).decay(decay));
  }

  private ScoreFunctionEstimator(Builder b) {
    String where = "estimator '" + ScoreFunctionProvider.NAME + "'";
    Objects.requireNonNull(b.baseline, () -> where + ": baseline must not be null");
    if (!(b.particles > 0)) {
      throw new IllegalArgumentException(where + ": particles must be > 0, got " + b.particles);
    }
    if (b.baseline == Baseline.LEAVE_ONE_OUT && b.particles < 2) {
      throw new IllegalArgumentException(where + ": baseline leave-one-out needs particles >= 2 "
          + "(each particle's baseline is the mean of the others), got particles = " + b.particles
          + "; use more particles, or baseline none or moving-average (or nvil)");
    }
    if (!(b.decay >= 0 && b.decay < 1)) {
      throw new IllegalArgumentException(where + ": decay must be in [0, 1), got " + b.decay);
    }
    if (!(b.baselineHidden > 0)) {
      throw new IllegalArgumentException(where + ": baseline-hidden must be > 0, got "
          + b.baselineHidden);
    }
    if (!(b.baselineLr > 0) || Double.isInfinite(b.baselineLr)) {
      throw new IllegalArgumentException(where + ": baseline-lr must be finite and > 0, got "
          + b.baselineLr);
    }
    this.particles = b.particles;
    this.baseline = b.baseline;
    this.decay = b.decay;
    this.analyticKl = b.analyticKl;
    this.baselineHidden = b.baselineHidden;
    this.baselineLr = b.baselineLr;
    this.normalize = b.normalize;
    this.perParticle = new double[particles];
    this.signal = new double[particles];
  }

  /** A builder with the provider's defaults. */
  public static Builder builder() {
    return new Builder();
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

  /** True if closed-form KL terms replace their Monte Carlo terms where they exist. */
  public boolean analyticKl() {
    return analyticKl;
  }

  /** NVIL's hidden layer size. */
  public int baselineHidden() {
    return baselineHidden;
  }

  /** NVIL's network learning rate. */
  public double baselineLearningRate() {
    return baselineLr;
  }

  /** True if NVIL divides its signal by max(1, √v). */
  public boolean normalize() {
    return normalize;
  }

  /**
   * The factor 1 / max(1, √v) by which NVIL's variance normalisation scaled the guide's gradient at
   * the last call (1 for the other baselines, or without normalisation).
   */
  public double lastNormalization() {
    return lastNormalization;
  }

  @Override
  public ElboEstimate estimate(Model m, VariationalFamily q, Batch batch, Rng rng) {
    Estimates.requireArguments(ScoreFunctionProvider.NAME, m, q, batch, rng);
    boolean rows = Estimates.perRow(m, q);
    if (baseline == Baseline.NVIL && !rows) {
      throw new IllegalArgumentException(nvilRefusal(m, q));
    }
    try (Tape t = tape.reset()) {
      t.watch(m.parameters());
      t.watch(q.parameters());
      if (baseline == Baseline.NVIL) {
        BaselineNetwork net = network(batch.data().cols());
        net.parameters().zeroGrad();
        t.watch(net.parameters());
      }
      Draw d = q.draw(batch, rng, particles);
      Estimates.checkDraw(ScoreFunctionProvider.NAME, q, d, particles);
      return rows ? estimateRows(t, m, q, batch, d) : estimateParticles(t, m, q, batch, d);
    }
  }

  /** The signal per particle (the learning signal summed over the batch), see the class javadoc. */
  private ElboEstimate estimateParticles(Tape t, Model m, VariationalFamily q, Batch batch,
      Draw d) {
    Latents z;
    Tensor logQ;
    if (q.reparameterizable()) {
      FactorizedFamily ff = factorsCoveringAll(m, q, false).orElseThrow(
          () -> new IllegalArgumentException(reparamRefusal(m, q)));
      z = detached(d.z(), m);
      logQ = null;
      for (Latent l : m.latents().latents()) {
        Tensor lq = ff.factor(l.name()).logProb(z.get(l.name())).sumRows();
        logQ = logQ == null ? lq : logQ.add(lq);
      }
      if (logQ == null) {
        logQ = d.logQ().stopGradient();             // a model with no latents: log q is constant
      }
    } else {
      z = d.z();
      logQ = d.logQ();
    }
    Tensor logP = Estimates.checkLogJoint(ScoreFunctionProvider.NAME, m, m.logJoint(z, batch),
        particles);
    Tensor fP = logP;
    Tensor fQ = logQ;
    Tensor klSum = null;
    if (analyticKl) {
      for (Latent l : m.latents().ofScope(Scope.GLOBAL)) {
        Distribution qf = Estimates.factorOf(q, l.name());
        Distribution prior = Estimates.priorOf(m, l.name());
        if (qf == null || prior == null || !kl.has(qf.getClass(), prior.getClass())) {
          continue;
        }
        Tensor zl = z.get(l.name());
        fP = fP.sub(prior.logProb(zl).sumRows());
        fQ = fQ.sub(qf.logProb(zl).sumRows());
        Tensor k = Estimates.sumOverLatent(kl.kl(qf, prior), qf, l.size(),
            "KL(q ‖ prior)", l.name());
        klSum = klSum == null ? k : klSum.add(k);
      }
    }
    Tensor f = fP.sub(fQ);
    if (klSum != null) {
      f = f.sub(klSum);
    }
    System.arraycopy(f.value().data, 0, perParticle, 0, particles);
    double meanF = fillParticleSignal();
    Tensor w = t.constant(particles, 1);
    System.arraycopy(signal, 0, w.value().data, 0, particles);
    Tensor surrogate = w.mul(logQ).add(fP).mean();
    if (klSum != null) {
      surrogate = surrogate.sub(klSum);
    }
    if (surrogate.requiresGrad()) {
      t.backward(surrogate);
    }
    if (baseline == Baseline.MOVING_AVERAGE) {
      updateAverage(meanF);
    }
    lastNormalization = 1.0;
    return ElboEstimate.fromSamples(perParticle);
  }

  /** Per-row signals, see the class javadoc. */
  private ElboEstimate estimateRows(Tape t, Model m, VariationalFamily q, Batch batch, Draw d) {
    FactorizedFamily ff = q.as(FactorizedFamily.class).orElseThrow();
    PointwiseLogJoint pw = m.as(PointwiseLogJoint.class).orElseThrow();
    int b = batch.size();
    int n = particles * b;
    Latents z = q.reparameterizable() ? detached(d.z(), m) : d.z();
    Tensor logP = pw.logJointPerRow(z, batch);
    if (logP.rows() != n || logP.cols() != 1) {
      throw new IllegalStateException("estimator '" + ScoreFunctionProvider.NAME + "': model "
          + Estimates.describe(m) + " returned a per-row log joint of shape " + logP.shape()
          + ", expected " + n + "x1 (particles " + particles + " · batch " + b + ")");
    }
    Tensor logQ = null;
    Tensor fP = logP;
    Tensor fQ = null;
    Tensor klRows = null;
    for (Latent l : m.latents().latents()) {
      Distribution qf = ff.factor(l.name());
      Tensor zl = z.get(l.name());
      Tensor lq = qf.logProb(zl).sumRows();
      logQ = logQ == null ? lq : logQ.add(lq);
      Distribution prior = analyticKl ? Estimates.priorOf(m, l.name()) : null;
      if (prior != null && qf.rows() == b && kl.has(qf.getClass(), prior.getClass())) {
        fP = fP.sub(prior.logProb(zl).sumRows());
        Tensor k = Estimates.perRowOverLatent(kl.kl(qf, prior), qf, l.size(), b,
            "KL(q ‖ prior)", l.name());
        klRows = klRows == null ? k : klRows.add(k);
      } else {
        fQ = fQ == null ? lq : fQ.add(lq);
      }
    }
    Tensor f = fQ == null ? fP : fP.sub(fQ);
    if (klRows != null) {
      f = f.sub(particles == 1 ? klRows : klRows.repeatRows(particles));
    }
    if (signal.length < n) {
      signal = new double[n];
    }
    double[] fv = f.value().data;
    double scale = batch.scale();
    for (int s = 0; s < particles; s++) {
      double sum = 0;
      for (int i = 0; i < b; i++) {
        sum += fv[s * b + i];
      }
      perParticle[s] = scale * sum;
    }
    Tensor baselineOut = baseline == Baseline.NVIL ? network.forward(batch.data()) : null;
    double meanU = 0;
    double varU = 0;
    switch (baseline) {
      case NONE -> System.arraycopy(fv, 0, signal, 0, n);
      case MOVING_AVERAGE -> {
        double base = hasAverage ? average : 0.0;
        for (int r = 0; r < n; r++) {
          signal[r] = fv[r] - base;
        }
      }
      case LEAVE_ONE_OUT -> {
        double k = particles / (particles - 1.0);
        for (int i = 0; i < b; i++) {
          double mean = 0;
          for (int s = 0; s < particles; s++) {
            mean += fv[s * b + i];
          }
          mean /= particles;
          for (int s = 0; s < particles; s++) {
            signal[s * b + i] = k * (fv[s * b + i] - mean);
          }
        }
      }
      case NVIL -> {
        double[] bx = baselineOut.value().data;
        for (int r = 0; r < n; r++) {
          meanU += fv[r] - bx[r % b];
        }
        meanU /= n;
        for (int r = 0; r < n; r++) {
          double u = fv[r] - bx[r % b] - meanU;
          varU += u * u;
        }
        varU = n > 1 ? varU / (n - 1) : 0.0;
        double c = hasAverage ? average : meanU;
        double v = hasAverage ? variance : varU;
        double scaleSignal = normalize ? 1.0 / Math.max(1.0, Math.sqrt(v)) : 1.0;
        lastNormalization = scaleSignal;
        if (nvilGrad.length != b) {
          nvilGrad = new double[b];
        }
        java.util.Arrays.fill(nvilGrad, 0.0);
        for (int r = 0; r < n; r++) {
          double residual = fv[r] - c - bx[r % b];
          signal[r] = residual * scaleSignal;
          nvilGrad[r % b] += residual / n;      // −∂/∂b_i of ½ mean (f − c − b)²
        }
      }
      default -> throw new IllegalStateException("unhandled baseline " + baseline);
    }
    if (baseline != Baseline.NVIL) {
      lastNormalization = 1.0;
    }
    Tensor w = t.constant(n, 1);
    System.arraycopy(signal, 0, w.value().data, 0, n);
    Tensor surrogate = w.mul(logQ).sum().add(fP.sum());
    if (klRows != null) {
      // NVIL's normalisation divides the guide's whole gradient, the closed-form KL's part too
      surrogate = surrogate.sub(klRows.sum().mul(particles * lastNormalization));
    }
    surrogate = surrogate.mul(scale / particles);
    if (baselineOut != null) {
      Tensor g = t.constant(b, 1);
      System.arraycopy(nvilGrad, 0, g.value().data, 0, b);
      surrogate = surrogate.add(g.mul(baselineOut).sum());
    }
    if (surrogate.requiresGrad()) {
      t.backward(surrogate);
    }
    if (baseline == Baseline.MOVING_AVERAGE) {
      double sum = 0;
      for (int r = 0; r < n; r++) {
        sum += fv[r];
      }
      updateAverage(sum / n);
    } else if (baseline == Baseline.NVIL) {
      if (Double.isFinite(meanU) && Double.isFinite(varU)) {
        average = hasAverage ? decay * average + (1 - decay) * meanU : meanU;
        variance = hasAverage ? decay * variance + (1 - decay) * varU : varU;
        hasAverage = true;
      }
      network.step();
    }
    return ElboEstimate.fromSamples(perParticle);
  }

  private void updateAverage(double meanF) {
    if (Double.isFinite(meanF)) {
      average = hasAverage ? decay * average + (1 - decay) * meanF : meanF;
      hasAverage = true;
    }
  }

  private BaselineNetwork network(int input) {
    if (network == null) {
      network = new BaselineNetwork(input, baselineHidden, baselineLr);
    } else if (network.input() != input) {
      throw new IllegalArgumentException("estimator '" + ScoreFunctionProvider.NAME + "': the "
          + "NVIL baseline network reads data rows of " + network.input() + " columns, this batch "
          + "has " + input + "; use one estimator per data set");
    }
    return network;
  }

  /** The blocks of {@code z} with their gradients stopped. */
  private Latents detached(Latents z, Model m) {
    Latents.Builder b = Latents.builder(particles);
    for (Latent l : m.latents().latents()) {
      b.put(l.name(), z.get(l.name()).stopGradient());
    }
    return b.build();
  }

  /** Writes f_s − b_s into {@link #signal}; returns mean f. */
  private double fillParticleSignal() {
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
    List<String> problems = new ArrayList<>();
    boolean rows = Estimates.perRow(m, q);
    if (q.reparameterizable() && !rows && factorsCoveringAll(m, q, false).isEmpty()) {
      problems.add(reparamRefusal(m, q));
    }
    if (baseline == Baseline.NVIL && !rows) {
      problems.add(nvilRefusal(m, q));
    }
    return problems;
  }

  /** The guide's factors if they cover every latent of {@code m}, all GLOBAL (or all LOCAL). */
  private static Optional<FactorizedFamily> factorsCoveringAll(Model m, VariationalFamily q,
      boolean local) {
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    if (ff.isEmpty()) {
      return ff;
    }
    List<String> covered = ff.get().factorLatents();
    for (Latent l : m.latents().latents()) {
      if (l.local() != local || !covered.contains(l.name())) {
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
        + Estimates.describe(m) + ", all GLOBAL, or all LOCAL with a per-row log joint "
        + "(PointwiseLogJoint) (" + why + "). Use the 'reparam' estimator for this guide, or a "
        + "non-reparameterizable guide";
  }

  private static String nvilRefusal(Model m, VariationalFamily q) {
    List<String> why = new ArrayList<>();
    if (m.as(PointwiseLogJoint.class).isEmpty()) {
      why.add("model " + Estimates.describe(m) + " gives no per-row log joint (PointwiseLogJoint)");
    }
    Optional<FactorizedFamily> ff = q.as(FactorizedFamily.class);
    for (Latent l : m.latents().latents()) {
      if (!l.local()) {
        why.add("latent '" + l.name() + "' is GLOBAL");
      } else if (ff.isEmpty() || !ff.get().factorLatents().contains(l.name())) {
        why.add("guide " + Estimates.describe(q) + " has no per-row factor of '" + l.name() + "'");
      }
    }
    return "estimator '" + ScoreFunctionProvider.NAME + "': baseline nvil reads each data row "
        + "x_i and needs per-row learning signals: every latent LOCAL, a model with a per-row log "
        + "joint and a guide with per-row factors (e.g. 'amortized'); here " + String.join(", ", why)
        + ". Use baseline leave-one-out or moving-average";
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    out.writeUTF(STATE_TAG);
    out.writeUTF(baseline.name());
    out.writeDouble(decay);
    out.writeInt(baselineHidden);
    out.writeDouble(baselineLr);
    out.writeBoolean(hasAverage);
    out.writeDouble(average);
    out.writeDouble(variance);
    out.writeBoolean(network != null);
    if (network != null) {
      network.write(out);
    }
  }

  @Override
  public void readState(DataInput in) throws IOException {
    String where = "estimator '" + ScoreFunctionProvider.NAME + "': state ";
    String tag = in.readUTF();
    if (!STATE_TAG.equals(tag)) {
      throw new IllegalArgumentException(where + "was written by '" + tag + "', expected '"
          + STATE_TAG + "'");
    }
    String b = in.readUTF();
    double d = in.readDouble();
    int hidden = in.readInt();
    double lr = in.readDouble();
    boolean has = in.readBoolean();
    double avg = in.readDouble();
    double var = in.readDouble();
    if (!baseline.name().equals(b) || Double.doubleToLongBits(d) != Double.doubleToLongBits(decay)
        || hidden != baselineHidden || Double.doubleToLongBits(lr) != Double.doubleToLongBits(
            baselineLr)) {
      throw new IllegalArgumentException(where + "was written with baseline " + b + ", decay " + d
          + ", baseline-hidden " + hidden + ", baseline-lr " + lr + "; this estimator has baseline "
          + baseline + ", decay " + decay + ", baseline-hidden " + baselineHidden + ", baseline-lr "
          + baselineLr);
    }
    BaselineNetwork net = null;
    if (in.readBoolean()) {
      int input = in.readInt();
      net = network != null && network.input() == input ? network
          : new BaselineNetwork(input, baselineHidden, baselineLr);
      net.readAfterInput(in);
    }
    network = net;
    hasAverage = has;
    average = avg;
    variance = var;
  }

  /** NVIL's network parameters ψ (empty before the first call or for other baselines). */
  public List<Param> baselineParameters() {
    return network == null ? List.of() : network.parameters().params();
  }

  @Override
  public String toString() {
    return "ScoreFunctionEstimator[particles=" + particles + ", baseline=" + baseline
        + (baseline == Baseline.MOVING_AVERAGE || baseline == Baseline.NVIL ? ", decay=" + decay : "")
        + (analyticKl ? ", analytic KL" : "") + "]";
  }

  /** Configures a {@link ScoreFunctionEstimator}; the defaults are the provider's. */
  public static final class Builder {
    private int particles = ScoreFunctionProvider.PARTICLES.defaultValue();
    private Baseline baseline = ScoreFunctionProvider.BASELINE.defaultValue();
    private double decay = ScoreFunctionProvider.DECAY.defaultValue();
    private boolean analyticKl = ScoreFunctionProvider.ANALYTIC_KL.defaultValue();
    private int baselineHidden = ScoreFunctionProvider.BASELINE_HIDDEN.defaultValue();
    private double baselineLr = ScoreFunctionProvider.BASELINE_LR.defaultValue();
    private boolean normalize = ScoreFunctionProvider.NORMALIZE.defaultValue();

    private Builder() {}

    /** Monte Carlo samples S per call. */
    public Builder particles(int s) {
      this.particles = s;
      return this;
    }

    /** The control variate. */
    public Builder baseline(Baseline b) {
      this.baseline = b;
      return this;
    }

    /** Decay of the moving average (and of NVIL's running mean and variance). */
    public Builder decay(double d) {
      this.decay = d;
      return this;
    }

    /** Closed-form KL terms where the model declares the prior and the pair is registered. */
    public Builder analyticKl(boolean on) {
      this.analyticKl = on;
      return this;
    }

    /** NVIL's hidden layer size. */
    public Builder baselineHidden(int h) {
      this.baselineHidden = h;
      return this;
    }

    /** NVIL's network learning rate (Adam). */
    public Builder baselineLearningRate(double lr) {
      this.baselineLr = lr;
      return this;
    }

    /** NVIL's variance normalisation. */
    public Builder normalize(boolean on) {
      this.normalize = on;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the bad value and what is accepted
     */
    public ScoreFunctionEstimator build() {
      return new ScoreFunctionEstimator(this);
    }
  }
}
