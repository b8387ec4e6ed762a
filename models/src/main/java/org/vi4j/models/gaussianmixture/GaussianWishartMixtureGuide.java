package org.vi4j.models.gaussianmixture;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
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
 * The family of {@link GaussianWishartMixtureModel} (Bishop's PRML §10.2 factorisation):
 * q(π) Π_k q(μ_k, Λ_k) Π_n q(c_n) = Dir(α) Π_k N(μ_k | m_k, (β_k Λ_k)⁻¹) W(Λ_k | W_k, ν_k)
 * Π_n Cat(r_n), with the {@link ConjugateFactors} the {@code cavi} optimizer writes (layouts in the
 * model's javadoc: factors {@code weights}, {@code precision} — the joint Normal–Wishart, covering
 * {@code loc} — and {@code assignment}). Model-specific (it holds one responsibility row per data
 * point), so it lives with the model.
 *
 * <pre>{@code
 * GaussianWishartMixtureModel model = GaussianWishartMixtureModel.withDefaultPriors(x, 6);
 * GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(model, Rng.seeded(7));
 * Inference.builder().model(model).guide(q).estimator(new GaussianWishartMixtureElbo())
 *     .optimizer(new Cavi()).stopAfterSteps(200).seed(7).build().run();
 * q.sortedComponents();                 // E[π], m, E[Λ]⁻¹, sorted by the means' first coordinate
 * q.logPredictiveDensity(heldOut);      // closed form (a mixture of Student t's)
 * }</pre>
 *
 * <p><strong>Parameters</strong> (φ, the factors themselves): {@code weights.concentration} (1 x K,
 * α), {@code loc.mean} (K x D, m), {@code loc.beta} (1 x K, β), {@code precision.scale} (K x D², W,
 * row-major), {@code precision.dof} (1 x K, ν) and {@code assignment.log_resp} (N x K, ln r, rows
 * normalised). <strong>Start</strong>: the engine's {@link GaussianWishartMixture#start}: r_n ~
 * Dirichlet(1) per row, then the global factors from r, so the same seed gives the engine's start.
 * <strong>Writes</strong> ({@link #setNaturalParameters}) are checked first (shape, finiteness,
 * α &gt; 0, β &gt; 0, ν &gt; D − 1, W⁻¹ symmetric positive definite) and change nothing if refused.
 * <strong>Draws</strong> are exact samples from q (Bartlett's construction for the Wishart), not
 * reparameterised; log q includes the assignment terms scaled by N/B.
 */
public final class GaussianWishartMixtureGuide implements VariationalFamily, ConjugateFactors {

  /** The supports this family covers. */
  static final Set<Support> SUPPORTS = Collections.unmodifiableSet(EnumSet.of(Support.SIMPLEX,
      Support.REAL, Support.POSITIVE_DEFINITE, Support.CATEGORICAL));
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private static final String GUIDE = "Guide '" + GaussianWishartMixtureModel.NAME + "'";

  private final int k;
  private final int n;
  private final int d;
  private final int pb;
  private final double[] centre;
  private final GaussianWishartMixture engine;
  private final ParamStore params = new ParamStore();
  private final Param alpha;
  private final Param mean;
  private final Param beta;
  private final Param scale;
  private final Param dof;
  private final AssignmentFactor resp;

  /**
   * The engine's random start (class javadoc).
   *
   * @param model the model this family is for. Not modified.
   * @param rng the randomness of the start. Modified (advanced).
   */
  public GaussianWishartMixtureGuide(GaussianWishartMixtureModel model, Rng rng) {
    this(model, Objects.requireNonNull(model, "model").engine()
        .start(Objects.requireNonNull(rng, "rng")));
  }

  /**
   * A guide holding the given factors (e.g. an engine's {@link GaussianWishartMixture#start}).
   *
   * @param start the factors, for the model's N, K and D. Not modified (copied).
   */
  public GaussianWishartMixtureGuide(GaussianWishartMixtureModel model,
      GaussianWishartMixture.Factors start) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(start, "start");
    this.k = model.components();
    this.d = model.dimension();
    this.n = model.data().length;
    this.pb = GaussianWishartMixtureModel.blockSize(d);
    this.centre = model.centre();
    this.engine = model.engine();
    if (start.r.length != n || start.alpha.length != k || start.m[0].length != d) {
      throw new IllegalArgumentException(GUIDE + ": start factors are for N = " + start.r.length
          + ", K = " + start.alpha.length + ", D = " + start.m[0].length + "; the model has N = "
          + n + ", K = " + k + ", D = " + d);
    }
    alpha = params.add("weights.concentration", 1, k, 1.0);
    mean = params.add("loc.mean", k, d, 0.0);
    beta = params.add("loc.beta", 1, k, 1.0);
    scale = params.add("precision.scale", k, d * d, 0.0);
    dof = params.add("precision.dof", 1, k, d);
    resp = new AssignmentFactor(params, GUIDE, n, k);
    for (int c = 0; c < k; c++) {
      alpha.value().data[c] = start.alpha[c];
      beta.value().data[c] = start.beta[c];
      dof.value().data[c] = start.nu[c];
      for (int a = 0; a < d; a++) {
        mean.value().data[c * d + a] = start.m[c][a];
        for (int b = 0; b < d; b++) {
          scale.value().data[c * d * d + a * d + b] = start.w[c][a][b];
        }
      }
    }
    double[] lr = resp.logValues();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        lr[i * k + c] = Math.log(Math.max(start.r[i][c], Double.MIN_NORMAL));
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

  /** N. */
  public int dataPoints() {
    return n;
  }

  /** K. */
  public int components() {
    return k;
  }

  /** D. */
  public int dimension() {
    return d;
  }

  /** α (a copy). */
  public double[] concentration() {
    return alpha.toArray();
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

  /** m_k = E[μ_k], K x D (a copy). */
  public double[][] means() {
    double[] v = mean.toArray();
    double[][] out = new double[k][d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(v, c * d, out[c], 0, d);
    }
    return out;
  }

  /** β (a copy). */
  public double[] betas() {
    return beta.toArray();
  }

  /** ν (a copy). */
  public double[] degreesOfFreedom() {
    return dof.toArray();
  }

  /** W_k, K x D x D (a copy). */
  public double[][][] scales() {
    double[] v = scale.toArray();
    double[][][] out = new double[k][d][d];
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < d; a++) {
        System.arraycopy(v, c * d * d + a * d, out[c][a], 0, d);
      }
    }
    return out;
  }

  /**
   * E[Λ_k]⁻¹ = W_k⁻¹ / ν_k, K x D x D: the component covariance at the expected precision (what
   * scikit-learn's {@code BayesianGaussianMixture.covariances_} holds).
   */
  public double[][][] covariances() {
    double[][][] w = scales();
    double[] nu = degreesOfFreedom();
    double[][][] out = new double[k][][];
    for (int c = 0; c < k; c++) {
      DMatrixRMaj inv = GaussianWishartMixture.inverse(GaussianWishartMixture.mat(w[c]), "W_" + c);
      GaussianWishartMixture.symmetrise(inv);
      org.ejml.dense.row.CommonOps_DDRM.scale(1 / nu[c], inv);
      out[c] = GaussianWishartMixture.arr(inv);
    }
    return out;
  }

  /** r, N x K (a copy). */
  public double[][] responsibilities() {
    return resp.responsibilities();
  }

  /** The current factors in the engine's form (a copy): what {@link GaussianWishartMixture#elbo} reads. */
  public GaussianWishartMixture.Factors factors() {
    GaussianWishartMixture.Factors f = new GaussianWishartMixture.Factors(n, k, d);
    System.arraycopy(alpha.value().data, 0, f.alpha, 0, k);
    System.arraycopy(beta.value().data, 0, f.beta, 0, k);
    System.arraycopy(dof.value().data, 0, f.nu, 0, k);
    double[][] m = means();
    double[][][] w = scales();
    double[][] r = responsibilities();
    for (int c = 0; c < k; c++) {
      f.m[c] = m[c];
      f.w[c] = w[c];
    }
    for (int i = 0; i < n; i++) {
      f.r[i] = r[i];
    }
    return f;
  }

  /**
   * The components of q sorted by the first coordinate of their means (ties: the next
   * coordinates), which removes label switching from reports.
   *
   * @param weights E[π_k]
   * @param means m_k = E[μ_k], K x D
   * @param covariances E[Λ_k]⁻¹, K x D x D
   */
  public record Components(double[] weights, double[][] means, double[][][] covariances) {}

  /** {@link Components} of q, sorted by the means' first coordinate. */
  public Components sortedComponents() {
    double[] w = expectedWeights();
    double[][] m = means();
    double[][][] cov = covariances();
    Integer[] idx = new Integer[k];
    for (int c = 0; c < k; c++) {
      idx[c] = c;
    }
    Arrays.sort(idx, Comparator.comparing(c -> m[c], Arrays::compare));
    double[] ws = new double[k];
    double[][] ms = new double[k][];
    double[][][] cs = new double[k][][];
    for (int j = 0; j < k; j++) {
      ws[j] = w[idx[j]];
      ms[j] = m[idx[j]];
      cs[j] = cov[idx[j]];
    }
    return new Components(ws, ms, cs);
  }

  /**
   * log p(x | data) under q at each row of {@code xs} (each of length D), in closed form: a
   * mixture of Student t's ({@link GaussianWishartMixture#logPredictiveDensity}).
   */
  public double[] logPredictiveDensity(double[][] xs) {
    return engine.logPredictiveDensity(factors(), xs);
  }

  // ------------------------------------------------------------------ ConjugateFactors

  private void checkLatent(String latent) {
    if (!("weights".equals(latent) || "precision".equals(latent) || "assignment".equals(latent))) {
      throw new IllegalArgumentException(GUIDE + ": no factor '" + latent + "'; known: [weights, "
          + "precision, assignment]" + ("loc".equals(latent)
              ? " (loc is part of the joint Normal-Wishart factor 'precision')" : ""));
    }
  }

  private void checkRows(Batch batch) {
    resp.checkRows(batch);
  }

  /** E[T] per the layouts of {@link GaussianWishartMixtureModel}. */
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
      case "precision": {
        double[][] m = means();
        double[][][] w = scales();
        double[] be = betas();
        double[] nu = degreesOfFreedom();
        double[] t = new double[k * pb];
        double[] mc = new double[d];
        for (int c = 0; c < k; c++) {
          int o = c * pb;
          for (int a = 0; a < d; a++) {
            mc[a] = m[c][a] - centre[a];
          }
          double quad = 0;
          for (int a = 0; a < d; a++) {
            double row = 0;
            for (int b = 0; b < d; b++) {
              row += w[c][a][b] * mc[b];
              t[o + d + 1 + a * d + b] = nu[c] * w[c][a][b];
            }
            t[o + a] = nu[c] * row;
            quad += mc[a] * row;
          }
          t[o + d] = d / be[c] + nu[c] * quad;
          t[o + d + 1 + d * d] = eLogDetLambda(w[c], nu[c], c);
        }
        return Tensor.row(t);
      }
      default: {
        return resp.expected(batch);
      }
    }
  }

  /** E ln|Λ| = Σ_i ψ((ν + 1 − i)/2) + D ln 2 + ln|W| (Bishop 10.65). */
  private double eLogDetLambda(double[][] w, double nu, int c) {
    double s = d * Math.log(2) + GaussianWishartMixture.logDet(GaussianWishartMixture.mat(w),
        "W_" + c);
    for (int i = 1; i <= d; i++) {
      s += SpecialFunctions.digamma((nu + 1 - i) / 2);
    }
    return s;
  }

  /** η per the layouts of {@link GaussianWishartMixtureModel}. */
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
      case "precision": {
        double[][] m = means();
        double[][][] w = scales();
        double[] be = betas();
        double[] nu = degreesOfFreedom();
        double[] eta = new double[k * pb];
        double[] u = new double[d];
        for (int c = 0; c < k; c++) {
          int o = c * pb;
          double[][] winv = GaussianWishartMixture.arr(GaussianWishartMixture.inverse(
              GaussianWishartMixture.mat(w[c]), "W_" + c));
          for (int a = 0; a < d; a++) {
            u[a] = be[c] * (m[c][a] - centre[a]);
            eta[o + a] = u[a];
          }
          eta[o + d] = -0.5 * be[c];
          for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
              double sym = 0.5 * (winv[a][b] + winv[b][a]);
              eta[o + d + 1 + a * d + b] = -0.5 * (sym + u[a] * u[b] / be[c]);
            }
          }
          eta[o + d + 1 + d * d] = 0.5 * (nu[c] - d);
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
   * outside the family (class javadoc) and then changes nothing.
   */
  @Override
  public void setNaturalParameters(String latent, Batch batch, Tensor eta) {
    checkLatent(latent);
    Objects.requireNonNull(eta, "eta");
    boolean local = "assignment".equals(latent);
    if (local) {
      checkRows(batch);
    }
    int rows = local ? batch.size() : 1;
    int cols = "precision".equals(latent) ? k * pb : k;
    if (eta.rows() != rows || eta.cols() != cols) {
      throw new IllegalArgumentException(GUIDE + ", factor '" + latent
          + "': natural parameters must be " + rows + "x" + cols + ", got " + eta.shape());
    }
    double[] e = eta.toArray();
    for (int i = 0; i < e.length; i++) {
      if (!Double.isFinite(e[i])) {
        throw bad(latent, e, i, "finite");
      }
    }
    switch (latent) {
      case "weights": {
        double[] v = new double[k];
        for (int c = 0; c < k; c++) {
          v[c] = e[c] + 1;
          if (!(v[c] > 0)) {
            throw bad(latent, e, c, "α − 1 > −1");
          }
        }
        System.arraycopy(v, 0, alpha.value().data, 0, k);
        break;
      }
      case "precision":
        setNormalWishart(e);
        break;
      default: {
        resp.set(batch, e);
      }
    }
  }

  private void setNormalWishart(double[] e) {
    double[] be = new double[k];
    double[] nu = new double[k];
    double[] m = new double[k * d];
    double[] w = new double[k * d * d];
    for (int c = 0; c < k; c++) {
      int o = c * pb;
      be[c] = -2 * e[o + d];
      if (!(be[c] > 0)) {
        throw bad("precision", e, o + d, "−β/2 < 0");
      }
      nu[c] = 2 * e[o + d + 1 + d * d] + d;
      if (!(nu[c] > d - 1)) {
        throw bad("precision", e, o + d + 1 + d * d, "(ν − D)/2 > −1/2");
      }
      double[][] winv = new double[d][d];
      for (int a = 0; a < d; a++) {
        m[c * d + a] = centre[a] + e[o + a] / be[c];
        for (int b = 0; b < d; b++) {
          winv[a][b] = -2 * e[o + d + 1 + a * d + b] - e[o + a] * e[o + b] / be[c];
        }
      }
      double[][] sym;
      DMatrixRMaj wk;
      try {
        sym = GaussianWishartMixture.symmetricCopy(winv, "W_" + c + "^-1");
        wk = GaussianWishartMixture.inverse(GaussianWishartMixture.mat(sym), "W_" + c + "^-1");
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(GUIDE + ", factor 'precision': natural parameters of "
            + "component " + c + " are outside the family: " + ex.getMessage()
            + " (W⁻¹ = −2η₃ − η₁η₁ᵀ/β must be symmetric positive definite)", ex);
      }
      GaussianWishartMixture.symmetrise(wk);
      System.arraycopy(wk.data, 0, w, c * d * d, d * d);
    }
    System.arraycopy(be, 0, beta.value().data, 0, k);
    System.arraycopy(nu, 0, dof.value().data, 0, k);
    System.arraycopy(m, 0, mean.value().data, 0, k * d);
    System.arraycopy(w, 0, scale.value().data, 0, k * d * d);
  }

  private static IllegalArgumentException bad(String latent, double[] e, int i, String rule) {
    return new IllegalArgumentException(GUIDE + ", factor '" + latent + "': natural parameter " + i
        + " = " + e[i] + " is outside the family (must be " + rule + "; layouts in "
        + "GaussianWishartMixtureModel)");
  }

  // ------------------------------------------------------------------ draws

  /** Exact draws from q (class javadoc); z and log q are constants. */
  @Override
  public Draw draw(Batch batch, Rng rng, int particles) {
    if (!(particles > 0)) {
      throw new IllegalArgumentException(GUIDE + ": particles must be > 0, got " + particles);
    }
    Objects.requireNonNull(rng, "rng");
    checkRows(batch);
    double[] al = concentration();
    double[][] m = means();
    double[][][] w = scales();
    double[] be = betas();
    double[] nu = degreesOfFreedom();
    double[] lr = resp.logValues();
    DMatrixRMaj[] chol = new DMatrixRMaj[k];
    DMatrixRMaj[] wInv = new DMatrixRMaj[k];
    double[] logB = new double[k];
    for (int c = 0; c < k; c++) {
      DMatrixRMaj wc = GaussianWishartMixture.mat(w[c]);
      chol[c] = GaussianWishartMixture.cholOrThrow(wc, "W_" + c);
      wInv[c] = GaussianWishartMixture.inverse(wc, "W_" + c);
      logB[c] = GaussianWishartMixture.logWishartB(GaussianWishartMixture.logDet(wc, "W_" + c),
          nu[c], d);
    }
    int bsz = batch.size();
    double[][] pi = new double[particles][k];
    double[][] mu = new double[particles][k * d];
    double[][] lam = new double[particles][k * d * d];
    double[][] cs = new double[particles * bsz][1];
    double[][] logQ = new double[particles][1];
    double lnC = SpecialFunctions.lgamma(Arrays.stream(al).sum());
    for (int c = 0; c < k; c++) {
      lnC -= SpecialFunctions.lgamma(al[c]);
    }
    double[] probs = new double[k];
    for (int p = 0; p < particles; p++) {
      Samplers.dirichlet(rng, al, pi[p]);
      double lq = lnC;
      for (int c = 0; c < k; c++) {
        lq += (al[c] - 1) * Math.log(pi[p][c]);
        DMatrixRMaj l = wishart(rng, chol[c], nu[c]);
        double logDetL = GaussianWishartMixture.logDet(l, "a Wishart draw");
        double tr = 0;
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            tr += wInv[c].get(a, b) * l.get(b, a);
            lam[p][c * d * d + a * d + b] = l.get(a, b);
          }
        }
        lq += logB[c] + 0.5 * (nu[c] - d - 1) * logDetL - 0.5 * tr;
        // μ = m + U⁻ᵀ z with β Λ = U Uᵀ: cov (β Λ)⁻¹, and (μ − m)ᵀ β Λ (μ − m) = zᵀ z
        DMatrixRMaj prec = l.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(be[c], prec);
        DMatrixRMaj u = GaussianWishartMixture.cholOrThrow(prec, "β Λ");
        double[] z = new double[d];
        double zz = 0;
        double logDiag = 0;
        for (int a = 0; a < d; a++) {
          z[a] = rng.nextGaussian();
          zz += z[a] * z[a];
          logDiag += Math.log(u.get(a, a));
        }
        double[] y = new double[d];
        for (int a = d - 1; a >= 0; a--) {               // back substitution: Uᵀ y = z
          double s = z[a];
          for (int b = a + 1; b < d; b++) {
            s -= u.get(b, a) * y[b];
          }
          y[a] = s / u.get(a, a);
        }
        for (int a = 0; a < d; a++) {
          mu[p][c * d + a] = m[c][a] + y[a];
        }
        lq += -0.5 * d * LOG_2PI + logDiag - 0.5 * zz;
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
    Latents z = Latents.builder(particles).put("weights", Tensor.of(pi)).put("loc", Tensor.of(mu))
        .put("precision", Tensor.of(lam)).put("assignment", Tensor.of(cs)).build();
    return new Draw(z, Tensor.of(logQ));
  }

  /**
   * A Wishart(W, ν) draw by Bartlett's construction: Λ = L A Aᵀ Lᵀ with W = L Lᵀ, A lower
   * triangular, A_ii² ~ χ²(ν − i) (i = 0 … D − 1), A_ij ~ N(0, 1) below the diagonal.
   *
   * @param l the lower Cholesky factor of W. Not modified.
   */
  static DMatrixRMaj wishart(Rng rng, DMatrixRMaj l, double nu) {
    int d = l.numRows;
    DMatrixRMaj a = new DMatrixRMaj(d, d);
    for (int i = 0; i < d; i++) {
      a.set(i, i, Math.sqrt(Samplers.gamma(rng, (nu - i) / 2, 0.5)));
      for (int j = 0; j < i; j++) {
        a.set(i, j, rng.nextGaussian());
      }
    }
    DMatrixRMaj la = new DMatrixRMaj(d, d);
    org.ejml.dense.row.CommonOps_DDRM.mult(l, a, la);
    DMatrixRMaj out = new DMatrixRMaj(d, d);
    org.ejml.dense.row.CommonOps_DDRM.multTransB(la, la, out);
    GaussianWishartMixture.symmetrise(out);
    return out;
  }

  @Override
  public String toString() {
    return "GaussianWishartMixtureGuide[K=" + k + ", D=" + d + ", N=" + n + "]";
  }
}
