package org.vi4j.models.gaussianmixture;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.Draw;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The mean-field family of {@link GaussianMixtureModel}: q(π) Π_k q(μ_k) q(λ_k) Π_n q(c_n) =
 * Dir(α) Π_k N(m_k, 1/τ_k) Gamma(a_k, b_k) Π_n Cat(r_n), with the {@link ConjugateFactors} the
 * {@code cavi} optimizer writes (layouts in the model's javadoc). Model-specific (it holds one
 * responsibility row per data point), so it lives with the model.
 *
 * <pre>{@code
 * GaussianMixtureModel model = GaussianMixtureModel.withDefaultPriors(x, 4);
 * GaussianMixtureGuide q = new GaussianMixtureGuide(model, Rng.seeded(7));   // random r, q(λ) prior-like
 * Inference.builder().model(model).guide(q).estimator(new GaussianMixtureElbo())
 *     .optimizer(new Cavi()).stopAfterSteps(100).seed(1).build().run();
 * model.elbo(q);                                                             // closed form
 * }</pre>
 *
 * <p><strong>Parameters</strong> (φ): {@code weights.log_concentration} (1 x K, log α),
 * {@code loc.mean} (1 x K, m), {@code loc.log_precision} (1 x K, log τ),
 * {@code precision.log_shape} / {@code precision.log_rate} (1 x K, log a, log b) and
 * {@code assignment.log_resp} (N x K, log r, rows normalised).
 *
 * <p><strong>Start</strong>: responsibilities drawn from Dirichlet(1) per row (so a sweep that
 * begins with the global factors starts from a random soft partition), q(π) = Dir(α0 + N/K),
 * q(μ_k) = N(m_k, var) with m_k the data mean weighted by component k's random responsibilities,
 * q(λ_k) = Gamma(1, var). A {@link org.vi4j.core.spi.ConjugateUpdates} sweep never reads the start
 * of q(μ) (it sets q(μ) from the responsibilities first); a step that begins with the local factors
 * ({@code svi}, through {@link org.vi4j.core.spi.ConditionallyConjugate}) needs the m_k to differ,
 * or every component would get the same responsibilities forever. <strong>Draws</strong> are exact
 * samples from q (not reparameterised; the family is used by coordinate ascent, and by Monte Carlo
 * checks of the ELBO), with log q including the assignment terms scaled by N/B.
 */
public final class GaussianMixtureGuide implements VariationalFamily, ConjugateFactors {

  private static final Set<Support> SUPPORTS = java.util.Collections.unmodifiableSet(
      EnumSet.of(Support.SIMPLEX, Support.REAL, Support.POSITIVE, Support.CATEGORICAL));
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private final int k;
  private final int n;
  private final ParamStore params = new ParamStore();
  private final Param logAlpha;
  private final Param mean;
  private final Param logTau;
  private final Param logA;
  private final Param logB;
  private final AssignmentFactor resp;

  /**
   * @param model the model this family is for. Not modified.
   * @param rng the randomness of the start. Modified (advanced).
   */
  public GaussianMixtureGuide(GaussianMixtureModel model, Rng rng) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(rng, "rng");
    double[] x = model.data();
    this.k = model.components();
    this.n = x.length;
    double mu = Arrays.stream(x).average().orElse(0);
    double var = Arrays.stream(x).map(v -> (v - mu) * (v - mu)).average().orElse(1);
    var = var > 0 ? var : 1;
    logAlpha = params.add("weights.log_concentration", 1, k,
        Math.log(model.priors().alpha0() + (double) n / k));
    mean = params.add("loc.mean", 1, k, mu);
    logTau = params.add("loc.log_precision", 1, k, -Math.log(var));
    logA = params.add("precision.log_shape", 1, k, 0.0);
    logB = params.add("precision.log_rate", 1, k, Math.log(var));
    resp = new AssignmentFactor(params, "Guide 'gaussian-mixture'", n, k);
    double[] ones = new double[k];
    Arrays.fill(ones, 1.0);
    double[] row = new double[k];
    double[] lr = resp.logValues();
    double[] nk = new double[k];
    double[] sx = new double[k];
    for (int i = 0; i < n; i++) {
      Samplers.dirichlet(rng, ones, row);
      for (int c = 0; c < k; c++) {
        lr[i * k + c] = Math.log(Math.max(row[c], Double.MIN_NORMAL));
        nk[c] += row[c];
        sx[c] += row[c] * x[i];
      }
    }
    double[] m = mean.value().data;
    for (int c = 0; c < k; c++) {
      if (nk[c] > 0) {
        m[c] = sx[c] / nk[c];
      }
    }
  }

  @Override
  public ParamStore parameters() {
    return params;
  }

  @Override
  public boolean reparameterizable() {
    return false;
  }

  @Override
  public Set<Support> supports() {
    return SUPPORTS;
  }

  /** α (a copy). */
  public double[] concentration() {
    return exp(logAlpha.toArray());
  }

  /** m (a copy). */
  public double[] locMean() {
    return mean.toArray();
  }

  /** τ (a copy). */
  public double[] locPrecision() {
    return exp(logTau.toArray());
  }

  /** a (a copy). */
  public double[] precisionShape() {
    return exp(logA.toArray());
  }

  /** b (a copy). */
  public double[] precisionRate() {
    return exp(logB.toArray());
  }

  /** E[π] = α / Σα (a copy). */
  public double[] expectedWeights() {
    double[] a = concentration();
    double s = Arrays.stream(a).sum();
    for (int c = 0; c < k; c++) {
      a[c] /= s;
    }
    return a;
  }

  /** r, N x K (a copy). */
  public double[][] responsibilities() {
    return resp.responsibilities();
  }

  private static double[] exp(double[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.exp(v[i]);
    }
    return v;
  }

  private void checkLatent(String latent) {
    if (!("weights".equals(latent) || "loc".equals(latent) || "precision".equals(latent)
        || "assignment".equals(latent))) {
      throw new IllegalArgumentException("Guide 'gaussian-mixture': no factor '" + latent
          + "'; known: [weights, loc, precision, assignment]");
    }
  }

  private void checkRows(Batch batch) {
    resp.checkRows(batch);
  }

  /** E[T] per the layouts of {@link GaussianMixtureModel}. */
  @Override
  public Tensor expectedSufficientStatistics(String latent, Batch batch) {
    checkLatent(latent);
    switch (latent) {
      case "weights": {
        double[] a = concentration();
        double dsum = SpecialFunctions.digamma(Arrays.stream(a).sum());
        double[] t = new double[k];
        for (int c = 0; c < k; c++) {
          t[c] = SpecialFunctions.digamma(a[c]) - dsum;
        }
        return Tensor.row(t);
      }
      case "loc": {
        double[] m = locMean();
        double[] tau = locPrecision();
        double[] t = new double[2 * k];
        for (int c = 0; c < k; c++) {
          t[c] = m[c];
          t[k + c] = m[c] * m[c] + 1 / tau[c];
        }
        return Tensor.row(t);
      }
      case "precision": {
        double[] a = precisionShape();
        double[] lb = logB.toArray();
        double[] t = new double[2 * k];
        for (int c = 0; c < k; c++) {
          t[c] = SpecialFunctions.digamma(a[c]) - lb[c];
          t[k + c] = a[c] / Math.exp(lb[c]);
        }
        return Tensor.row(t);
      }
      default: {
        return resp.expected(batch);
      }
    }
  }

  /** η per the layouts of {@link GaussianMixtureModel}. */
  @Override
  public Tensor naturalParameters(String latent, Batch batch) {
    checkLatent(latent);
    switch (latent) {
      case "weights": {
        double[] a = concentration();
        for (int c = 0; c < k; c++) {
          a[c] -= 1;
        }
        return Tensor.row(a);
      }
      case "loc": {
        double[] m = locMean();
        double[] tau = locPrecision();
        double[] eta = new double[2 * k];
        for (int c = 0; c < k; c++) {
          eta[c] = tau[c] * m[c];
          eta[k + c] = -0.5 * tau[c];
        }
        return Tensor.row(eta);
      }
      case "precision": {
        double[] a = precisionShape();
        double[] b = precisionRate();
        double[] eta = new double[2 * k];
        for (int c = 0; c < k; c++) {
          eta[c] = a[c] - 1;
          eta[k + c] = -b[c];
        }
        return Tensor.row(eta);
      }
      default: {
        return resp.natural(batch);
      }
    }
  }

  /**
   * Writes one factor from η (layouts in the model's javadoc); refuses a wrong shape or an η
   * outside the family (α ≤ 0, τ ≤ 0, a ≤ 0, b ≤ 0, non-finite) and then changes nothing.
   */
  @Override
  public void setNaturalParameters(String latent, Batch batch, Tensor eta) {
    checkLatent(latent);
    Objects.requireNonNull(eta, "eta");
    double[] e = eta.toArray();
    boolean local = "assignment".equals(latent);
    int rows = local ? batch.size() : 1;
    int cols = "weights".equals(latent) || local ? k : 2 * k;
    if (eta.rows() != rows || eta.cols() != cols) {
      throw new IllegalArgumentException("Guide 'gaussian-mixture', factor '" + latent
          + "': natural parameters must be " + rows + "x" + cols + ", got " + eta.shape());
    }
    for (int i = 0; i < e.length; i++) {
      if (!Double.isFinite(e[i])) {
        throw bad(latent, e, i);
      }
    }
    switch (latent) {
      case "weights": {
        double[] v = new double[k];
        for (int c = 0; c < k; c++) {
          if (!(e[c] + 1 > 0)) {
            throw bad(latent, e, c);
          }
          v[c] = Math.log(e[c] + 1);
        }
        System.arraycopy(v, 0, logAlpha.value().data, 0, k);
        break;
      }
      case "loc": {
        double[] m = new double[k];
        double[] lt = new double[k];
        for (int c = 0; c < k; c++) {
          double tau = -2 * e[k + c];
          if (!(tau > 0)) {
            throw bad(latent, e, k + c);
          }
          m[c] = e[c] / tau;
          lt[c] = Math.log(tau);
        }
        System.arraycopy(m, 0, mean.value().data, 0, k);
        System.arraycopy(lt, 0, logTau.value().data, 0, k);
        break;
      }
      case "precision": {
        double[] la = new double[k];
        double[] lb = new double[k];
        for (int c = 0; c < k; c++) {
          if (!(e[c] + 1 > 0)) {
            throw bad(latent, e, c);
          }
          if (!(-e[k + c] > 0)) {
            throw bad(latent, e, k + c);
          }
          la[c] = Math.log(e[c] + 1);
          lb[c] = Math.log(-e[k + c]);
        }
        System.arraycopy(la, 0, logA.value().data, 0, k);
        System.arraycopy(lb, 0, logB.value().data, 0, k);
        break;
      }
      default: {
        checkRows(batch);
        resp.set(batch, e);
      }
    }
  }

  private static IllegalArgumentException bad(String latent, double[] e, int i) {
    return new IllegalArgumentException("Guide 'gaussian-mixture', factor '" + latent
        + "': natural parameter " + i + " = " + e[i] + " is outside the family (layouts in "
        + "GaussianMixtureModel: α − 1 > −1, −τ/2 < 0, a − 1 > −1, −b < 0, all finite)");
  }

  /** Exact draws from q (class javadoc); z and log q are constants. */
  @Override
  public Draw draw(Batch batch, Rng rng, int particles) {
    if (!(particles > 0)) {
      throw new IllegalArgumentException("Guide 'gaussian-mixture': particles must be > 0, got "
          + particles);
    }
    Objects.requireNonNull(rng, "rng");
    checkRows(batch);
    double[] alpha = concentration();
    double[] m = locMean();
    double[] tau = locPrecision();
    double[] a = precisionShape();
    double[] b = precisionRate();
    double[] lr = resp.logValues();
    int bsz = batch.size();
    double[][] w = new double[particles][k];
    double[][] mu = new double[particles][k];
    double[][] lam = new double[particles][k];
    double[][] cs = new double[particles * bsz][1];
    double[][] logQ = new double[particles][1];
    double sumAlpha = Arrays.stream(alpha).sum();
    double lnC = SpecialFunctions.lgamma(sumAlpha);
    for (int c = 0; c < k; c++) {
      lnC -= SpecialFunctions.lgamma(alpha[c]);
    }
    double[] probs = new double[k];
    for (int p = 0; p < particles; p++) {
      Samplers.dirichlet(rng, alpha, w[p]);
      double lq = lnC;
      for (int c = 0; c < k; c++) {
        lq += (alpha[c] - 1) * Math.log(w[p][c]);
        mu[p][c] = m[c] + rng.nextGaussian() / Math.sqrt(tau[c]);
        lq += 0.5 * Math.log(tau[c]) - HALF_LOG_2PI - 0.5 * tau[c] * (mu[p][c] - m[c]) * (mu[p][c] - m[c]);
        lam[p][c] = Samplers.gamma(rng, a[c], b[c]);
        lq += a[c] * Math.log(b[c]) - SpecialFunctions.lgamma(a[c]) + (a[c] - 1) * Math.log(lam[p][c])
            - b[c] * lam[p][c];
      }
      double local = 0;
      for (int i = 0; i < bsz; i++) {
        int row = batch.row(i);
        for (int c = 0; c < k; c++) {
          probs[c] = Math.exp(lr[row * k + c]);
        }
        int c = Samplers.categorical(rng, probs);
        cs[p * bsz + i][0] = c;
        local += lr[row * k + c];
      }
      logQ[p][0] = lq + batch.scale() * local;
    }
    Latents z = Latents.builder(particles).put("weights", Tensor.of(w)).put("loc", Tensor.of(mu))
        .put("precision", Tensor.of(lam)).put("assignment", Tensor.of(cs)).build();
    return new Draw(z, Tensor.of(logQ));
  }

  /**
   * The posterior predictive density log p(x | data) ≈ log (1/S) Σ_s Σ_k π_k^s N(x; μ_k^s, 1/λ_k^s)
   * at each point, from S draws of the global factors of q.
   *
   * @param rng randomness of the draws. Modified.
   */
  public double[] logPredictiveDensity(double[] xs, int draws, Rng rng) {
    Batch one = Batch.of(Tensor.zeros(1, 1), new int[] {0}, n);
    Latents z = draw(one, rng, draws).z();
    double[] w = z.get("weights").toArray();
    double[] mu = z.get("loc").toArray();
    double[] lam = z.get("precision").toArray();
    double[] out = new double[xs.length];
    double[] perComp = new double[k];
    double[] perDraw = new double[draws];
    for (int i = 0; i < xs.length; i++) {
      for (int s = 0; s < draws; s++) {
        for (int c = 0; c < k; c++) {
          int j = s * k + c;
          double d = xs[i] - mu[j];
          perComp[c] = Math.log(w[j]) + 0.5 * Math.log(lam[j]) - HALF_LOG_2PI - 0.5 * lam[j] * d * d;
        }
        perDraw[s] = lse(perComp);
      }
      out[i] = lse(perDraw) - Math.log(draws);
    }
    return out;
  }

  private static double lse(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double a : v) {
      m = Math.max(m, a);
    }
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    double s = 0;
    for (double a : v) {
      s += Math.exp(a - m);
    }
    return m + Math.log(s);
  }

  @Override
  public String toString() {
    return "GaussianMixtureGuide[K=" + k + ", N=" + n + "]";
  }
}
