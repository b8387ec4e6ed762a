package org.vi4j.models.gaussianmixture;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;

/**
 * The multivariate conjugate Bayesian Gaussian mixture of Bishop, PRML §10.2, fitted by CAVI with
 * the closed-form ELBO (eqs. 10.46–10.77): π ~ Dir(α0), Λ_k ~ W(W0, ν0), μ_k | Λ_k ~ N(m0,
 * (β0 Λ_k)⁻¹), c_n ~ Cat(π), x_n | c_n = k ~ N(μ_k, Λ_k⁻¹), x_n ∈ ℝ^D, and the factorisation
 * q(c) q(π) Π_k q(μ_k, Λ_k) with q(π) = Dir(α), q(μ_k, Λ_k) = N(μ_k | m_k, (β_k Λ_k)⁻¹)
 * W(Λ_k | W_k, ν_k), q(c_n) = Cat(r_n).
 *
 * <pre>{@code
 * GaussianWishartMixture model = GaussianWishartMixture.withDefaultPriors(x, 6);  // x: N x D
 * GaussianWishartMixture.Factors q = model.start(Rng.seeded(7));                  // random r
 * for (int t = 0; t < 100; t++) { model.sweep(q); double elbo = model.elbo(q); }  // never decreases
 * }</pre>
 *
 * <p>The CAVI engine of the {@value #NAME} plugin: {@link GaussianWishartMixtureModel} exposes it
 * through the {@code Model}/{@code ConjugateUpdates} SPI, so {@code cavi} with
 * {@link GaussianWishartMixtureGuide} reproduces these sweeps' ELBO trace. A sweep is the
 * "M-step" (10.58–10.63: α, β, m, W, ν from r) followed by the "E-step" (10.46–10.49, 10.64–10.66:
 * r). D x D algebra with EJML (Cholesky for inverses and log-determinants).
 *
 * <p><strong>Default priors</strong> ({@link #withDefaultPriors}), relative to the data mean x̄ and
 * (biased) covariance Σ: α0 = 1/K, m0 = x̄, β0 = 1, ν0 = D + 1, W0 = (ν0 Σ / K²)⁻¹, so the prior
 * mean of a component precision is E[Λ] = ν0 W0 = K² Σ⁻¹ (component spread ≈ data spread / K).
 * At D = 1 these are exactly the 1-D model's priors (a0 = ν0/2 = 1, b0 = 1/(2 W0) = var/K²), whose
 * author found var itself too wide. If Σ is singular, Σ + 10⁻⁹ tr(Σ)/D · I is used.
 */
public final class GaussianWishartMixture {

  /** The plugin name ({@link GaussianWishartMixtureModel}). */
  public static final String NAME = "gaussian-mixture-mv";

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /**
   * The hyper-parameters.
   *
   * @param alpha0 Dirichlet concentration per component, > 0
   * @param m0 prior mean of μ, length D
   * @param beta0 > 0
   * @param nu0 Wishart degrees of freedom, > D − 1
   * @param w0 Wishart scale, D x D symmetric positive definite
   */
  public record Priors(double alpha0, double[] m0, double beta0, double nu0, double[][] w0) {
    /** Validates. */
    public Priors {
      pos("alpha0", alpha0);
      pos("beta0", beta0);
      Objects.requireNonNull(m0, "m0");
      Objects.requireNonNull(w0, "w0");
      int d = m0.length;
      if (d == 0 || w0.length != d) {
        throw new IllegalArgumentException("Model '" + NAME + "': m0 (length " + d
            + ") and W0 (" + w0.length + " rows) must have the same dimension D >= 1");
      }
      if (!(nu0 > d - 1) || !Double.isFinite(nu0)) {
        throw new IllegalArgumentException("Model '" + NAME + "': prior nu0 = " + nu0
            + " is not accepted; must be finite and > D - 1 = " + (d - 1));
      }
      m0 = m0.clone();
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(m0[j])) {
          throw new IllegalArgumentException("Model '" + NAME + "': prior m0[" + j + "] = " + m0[j]
              + " is not accepted; must be finite");
        }
      }
      w0 = symmetricCopy(w0, "prior W0");
      cholOrThrow(mat(w0), "prior W0 = " + Arrays.deepToString(w0));
    }

    private static void pos(String what, double v) {
      if (!(v > 0 && Double.isFinite(v))) {
        throw new IllegalArgumentException("Model '" + NAME + "': prior " + what + " = " + v
            + " is not accepted; must be finite and > 0");
      }
    }
  }

  /** The variational factors (mutable; written by {@link #sweep}). Arrays are live. */
  public static final class Factors {
    /** α, length K. */
    public final double[] alpha;
    /** β, length K. */
    public final double[] beta;
    /** m_k, K x D. */
    public final double[][] m;
    /** W_k, K x D x D. */
    public final double[][][] w;
    /** ν, length K. */
    public final double[] nu;
    /** r, N x K (rows sum to 1). */
    public final double[][] r;

    Factors(int n, int k, int d) {
      alpha = new double[k];
      beta = new double[k];
      m = new double[k][d];
      w = new double[k][d][d];
      nu = new double[k];
      r = new double[n][k];
    }

    /** E[π] = α / Σα. */
    public double[] expectedWeights() {
      double s = Arrays.stream(alpha).sum();
      return Arrays.stream(alpha).map(a -> a / s).toArray();
    }
  }

  private final double[][] x;
  private final int n;
  private final int d;
  private final int k;
  private final Priors priors;
  private final DMatrixRMaj w0Inv;
  private final double logDetW0;

  /**
   * @param x the data, N x D, finite, N ≥ 1, D ≥ 1. Not modified (copied).
   * @param k components, ≥ 2
   * @param priors the hyper-parameters (dimension D)
   */
  public GaussianWishartMixture(double[][] x, int k, Priors priors) {
    this.x = checkData(x);
    this.n = x.length;
    this.d = x[0].length;
    if (!(k >= 2)) {
      throw new IllegalArgumentException("Model '" + NAME + "': K must be >= 2, got " + k);
    }
    this.k = k;
    this.priors = Objects.requireNonNull(priors, "priors");
    if (priors.m0().length != d) {
      throw new IllegalArgumentException("Model '" + NAME + "': priors have D = "
          + priors.m0().length + ", data has D = " + d);
    }
    DMatrixRMaj w0 = mat(priors.w0());
    this.logDetW0 = logDet(w0, "prior W0");
    this.w0Inv = inverse(w0, "prior W0");
  }

  /** With the documented data-relative default priors (class javadoc). */
  public static GaussianWishartMixture withDefaultPriors(double[][] x, int k) {
    return new GaussianWishartMixture(x, k, defaultPriors(x, k));
  }

  /**
   * The documented data-relative default priors (class javadoc) for data {@code x} (N x D) and K
   * components: α0 = 1/K, m0 = x̄, β0 = 1, ν0 = D + 1, W0 = (ν0 Σ / K²)⁻¹.
   */
  public static Priors defaultPriors(double[][] x, int k) {
    if (!(k >= 2)) {
      throw new IllegalArgumentException("Model '" + NAME + "': K must be >= 2, got " + k);
    }
    double[][] xs = checkData(x);
    int n = xs.length;
    int d = xs[0].length;
    double[] mean = new double[d];
    for (double[] row : xs) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    double[][] cov = new double[d][d];
    for (double[] row : xs) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / n;
        }
      }
    }
    double tr = 0;
    for (int i = 0; i < d; i++) {
      tr += cov[i][i];
    }
    DMatrixRMaj c = mat(cov);
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
    if (!chol.decompose(c.copy())) {
      double ridge = tr > 0 ? 1e-9 * tr / d : 1.0;
      for (int i = 0; i < d; i++) {
        c.add(i, i, ridge);
      }
    }
    double nu0 = d + 1;
    DMatrixRMaj scaled = c.copy();
    org.ejml.dense.row.CommonOps_DDRM.scale(nu0 / ((double) k * k), scaled);
    DMatrixRMaj w0 = inverse(scaled, "nu0 * data covariance / K^2");
    symmetrise(w0);
    return new Priors(1.0 / k, mean, 1.0, nu0, arr(w0));
  }

  static double[][] checkData(double[][] x) {
    Objects.requireNonNull(x, "Model '" + NAME + "': data must not be null");
    if (x.length == 0 || x[0] == null || x[0].length == 0) {
      throw new IllegalArgumentException("Model '" + NAME + "': needs at least one data point "
          + "with D >= 1");
    }
    int d = x[0].length;
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != d) {
        throw new IllegalArgumentException("Model '" + NAME + "': data row " + i + " must have "
            + d + " values");
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException("Model '" + NAME + "': data point " + i + ", column "
              + j + " is " + x[i][j] + "; only finite numbers are accepted");
        }
      }
      out[i] = x[i].clone();
    }
    return out;
  }

  /** K. */
  public int components() {
    return k;
  }

  /** D. */
  public int dimension() {
    return d;
  }

  /** The hyper-parameters. */
  public Priors priors() {
    return priors;
  }

  /** The data (a copy). */
  public double[][] data() {
    return checkData(x);
  }

  /** A random start: r_n ~ Dirichlet(1) per row, then the global factors from r (one M-step). */
  public Factors start(Rng rng) {
    Objects.requireNonNull(rng, "rng");
    Factors q = new Factors(n, k, d);
    double[] ones = new double[k];
    Arrays.fill(ones, 1.0);
    for (int i = 0; i < n; i++) {
      Samplers.dirichlet(rng, ones, q.r[i]);
    }
    updateGlobals(q);
    return q;
  }

  /** One CAVI sweep: the global factors from r (10.58–10.63), then r (10.46–10.49, 10.64–10.66). */
  public void sweep(Factors q) {
    updateGlobals(q);
    updateResponsibilities(q);
  }

  /** q(π), q(μ_k, Λ_k) ← their optima given r (Bishop 10.58, 10.60–10.63). */
  public void updateGlobals(Factors q) {
    double[] m0 = priors.m0();
    double beta0 = priors.beta0();
    for (int c = 0; c < k; c++) {
      double nk = 0;
      double[] sx = new double[d];
      for (int i = 0; i < n; i++) {
        double rik = q.r[i][c];
        nk += rik;
        for (int j = 0; j < d; j++) {
          sx[j] += rik * x[i][j];
        }
      }
      double[] xbar = new double[d];
      for (int j = 0; j < d; j++) {
        xbar[j] = nk > 0 ? sx[j] / nk : m0[j];
      }
      DMatrixRMaj winv = w0Inv.copy();
      for (int i = 0; i < n; i++) {
        double rik = q.r[i][c];
        if (rik == 0) {
          continue;
        }
        for (int a = 0; a < d; a++) {
          double da = x[i][a] - xbar[a];
          for (int b = 0; b < d; b++) {
            winv.add(a, b, rik * da * (x[i][b] - xbar[b]));
          }
        }
      }
      double f = beta0 * nk / (beta0 + nk);
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          winv.add(a, b, f * (xbar[a] - m0[a]) * (xbar[b] - m0[b]));
        }
      }
      symmetrise(winv);
      q.alpha[c] = priors.alpha0() + nk;
      q.beta[c] = beta0 + nk;
      q.nu[c] = priors.nu0() + nk;
      for (int j = 0; j < d; j++) {
        q.m[c][j] = (beta0 * m0[j] + sx[j]) / q.beta[c];
      }
      DMatrixRMaj wk = inverse(winv, "W_" + c + "^-1");
      symmetrise(wk);
      q.w[c] = arr(wk);
    }
  }

  /** q(c) ← its optimum given the global factors (Bishop 10.46–10.49, 10.64–10.66). */
  public void updateResponsibilities(Factors q) {
    double[] elogpi = eLogPi(q);
    double[] eloglam = new double[k];
    for (int c = 0; c < k; c++) {
      eloglam[c] = eLogDetLambda(q, c);
    }
    double[] lr = new double[k];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        lr[c] = elogpi[c] + 0.5 * eloglam[c] - 0.5 * d * LOG_2PI
            - 0.5 * (d / q.beta[c] + q.nu[c] * quad(q.w[c], x[i], q.m[c]));
        max = Math.max(max, lr[c]);
      }
      double s = 0;
      for (int c = 0; c < k; c++) {
        s += Math.exp(lr[c] - max);
      }
      double lse = max + Math.log(s);
      for (int c = 0; c < k; c++) {
        q.r[i][c] = Math.exp(lr[c] - lse);
      }
    }
  }

  /** E[ln π_k] = ψ(α_k) − ψ(Σα) (10.66). */
  static double[] eLogPi(Factors q) {
    double ds = SpecialFunctions.digamma(Arrays.stream(q.alpha).sum());
    double[] t = new double[q.alpha.length];
    for (int c = 0; c < t.length; c++) {
      t[c] = SpecialFunctions.digamma(q.alpha[c]) - ds;
    }
    return t;
  }

  /** E[ln |Λ_k|] = Σ_i ψ((ν_k + 1 − i)/2) + D ln 2 + ln |W_k| (10.65). */
  double eLogDetLambda(Factors q, int c) {
    double s = d * Math.log(2) + logDet(mat(q.w[c]), "W_" + c);
    for (int i = 1; i <= d; i++) {
      s += SpecialFunctions.digamma((q.nu[c] + 1 - i) / 2);
    }
    return s;
  }

  /** ln B(W, ν) of the Wishart normaliser (B.79), from ln |W|. */
  static double logWishartB(double logDetW, double nu, int d) {
    double s = 0.5 * nu * d * Math.log(2) + 0.25 * d * (d - 1) * Math.log(Math.PI);
    for (int i = 1; i <= d; i++) {
      s += SpecialFunctions.lgamma((nu + 1 - i) / 2);
    }
    return -0.5 * nu * logDetW - s;
  }

  /**
   * The ELBO of the data under {@code q} in closed form, Bishop 10.70–10.77:
   * E[ln p(X|Z,μ,Λ)] + E[ln p(Z|π)] + E[ln p(π)] + E[ln p(μ,Λ)] − E[ln q(Z)] − E[ln q(π)]
   * − E[ln q(μ,Λ)].
   */
  public double elbo(Factors q) {
    Objects.requireNonNull(q, "q");
    if (q.r.length != n || q.alpha.length != k || q.m[0].length != d) {
      throw new IllegalArgumentException("Model '" + NAME + "': factors are for another model");
    }
    double[] elogpi = eLogPi(q);
    double alpha0 = priors.alpha0();
    double beta0 = priors.beta0();
    double nu0 = priors.nu0();
    double[] m0 = priors.m0();
    double sumAlpha = Arrays.stream(q.alpha).sum();
    double lnB0 = logWishartB(logDetW0, nu0, d);
    // E ln p(π) − E ln q(π): ln C(α0) − ln C(α) + Σ (α0 − α_k) E ln π_k   (10.73, 10.76)
    double elbo = SpecialFunctions.lgamma(k * alpha0) - k * SpecialFunctions.lgamma(alpha0)
        - SpecialFunctions.lgamma(sumAlpha);
    for (int c = 0; c < k; c++) {
      elbo += SpecialFunctions.lgamma(q.alpha[c]) + (alpha0 - q.alpha[c]) * elogpi[c];
      double eloglam = eLogDetLambda(q, c);
      double[][] wk = q.w[c];
      double nuk = q.nu[c];
      double betak = q.beta[c];
      // E ln p(X | Z, μ, Λ) + E ln p(Z | π) − E ln q(Z)   (10.71, 10.72, 10.75)
      double lik = 0;
      for (int i = 0; i < n; i++) {
        double rik = q.r[i][c];
        if (rik > 0) {
          lik += rik * (0.5 * (eloglam - d * LOG_2PI - d / betak - nuk * quad(wk, x[i], q.m[c]))
              + elogpi[c] - Math.log(rik));
        }
      }
      elbo += lik;
      // E ln p(μ_k, Λ_k)   (10.74)
      double trW0invW = 0;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          trW0invW += w0Inv.get(a, b) * wk[b][a];
        }
      }
      elbo += 0.5 * (d * Math.log(beta0 / (2 * Math.PI)) + eloglam - d * beta0 / betak
          - beta0 * nuk * quad(wk, q.m[c], m0))
          + lnB0 + 0.5 * (nu0 - d - 1) * eloglam - 0.5 * nuk * trW0invW;
      // − E ln q(μ_k, Λ_k)   (10.77, B.82)
      double lnBk = logWishartB(logDet(mat(wk), "W_" + c), nuk, d);
      double entropyLambda = -lnBk - 0.5 * (nuk - d - 1) * eloglam + 0.5 * nuk * d;
      elbo -= 0.5 * eloglam + 0.5 * d * Math.log(betak / (2 * Math.PI)) - 0.5 * d - entropyLambda;
    }
    return elbo;
  }

  /** (x − m)ᵀ W (x − m). */
  static double quad(double[][] w, double[] x, double[] m) {
    int d = x.length;
    double s = 0;
    for (int a = 0; a < d; a++) {
      double da = x[a] - m[a];
      double row = 0;
      for (int b = 0; b < d; b++) {
        row += w[a][b] * (x[b] - m[b]);
      }
      s += da * row;
    }
    return s;
  }

  /**
   * The log density of the posterior predictive under {@code q} at each row of {@code xs}, in
   * closed form (Bishop 10.78–10.82): p(x | X) = Σ_k E[π_k] St(x | m_k, L_k, ν_k + 1 − D) with
   * L_k = (ν_k + 1 − D) β_k / (1 + β_k) · W_k, exactly E_q[Σ_k π_k N(x | μ_k, Λ_k⁻¹)].
   *
   * @param xs points, each of length D. Not modified.
   */
  public double[] logPredictiveDensity(Factors q, double[][] xs) {
    Objects.requireNonNull(q, "q");
    Objects.requireNonNull(xs, "xs");
    double[] w = q.expectedWeights();
    double[] logW = new double[k];
    double[] dof = new double[k];
    double[] logNorm = new double[k];
    double[][][] l = new double[k][][];
    for (int c = 0; c < k; c++) {
      logW[c] = Math.log(w[c]);
      dof[c] = q.nu[c] + 1 - d;
      double f = dof[c] * q.beta[c] / (1 + q.beta[c]);
      l[c] = new double[d][d];
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          l[c][a][b] = f * q.w[c][a][b];
        }
      }
      logNorm[c] = SpecialFunctions.lgamma((dof[c] + d) / 2) - SpecialFunctions.lgamma(dof[c] / 2)
          + 0.5 * logDet(mat(l[c]), "L_" + c) - 0.5 * d * Math.log(dof[c] * Math.PI);
    }
    double[] out = new double[xs.length];
    double[] per = new double[k];
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] == null || xs[i].length != d) {
        throw new IllegalArgumentException("Model '" + NAME + "': point " + i + " must have " + d
            + " values");
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        per[c] = logW[c] + logNorm[c]
            - 0.5 * (dof[c] + d) * Math.log1p(quad(l[c], xs[i], q.m[c]) / dof[c]);
        max = Math.max(max, per[c]);
      }
      double s = 0;
      for (int c = 0; c < k; c++) {
        s += Math.exp(per[c] - max);
      }
      out[i] = max + Math.log(s);
    }
    return out;
  }

  // ------------------------------------------------------------------ EJML helpers

  /**
   * A copy of a square matrix that must be symmetric: entries may differ from their transposes by
   * at most 10⁻⁹ times the largest diagonal magnitude (rounding), and the copy is the exact
   * symmetric average; anything else (ragged, non-finite, asymmetric) is refused, naming
   * {@code what} and the entry.
   */
  static double[][] symmetricCopy(double[][] a, String what) {
    int d = a.length;
    double[][] w = new double[d][];
    double scale = 0;
    for (int i = 0; i < d; i++) {
      if (a[i] == null || a[i].length != d) {
        throw new IllegalArgumentException("Model '" + NAME + "': " + what + " must be " + d
            + " x " + d + "; row " + i + " has " + (a[i] == null ? 0 : a[i].length) + " values");
      }
      w[i] = a[i].clone();
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(w[i][j])) {
          throw new IllegalArgumentException("Model '" + NAME + "': " + what + "[" + i + "][" + j
              + "] = " + w[i][j] + " is not accepted; must be finite");
        }
      }
      scale = Math.max(scale, Math.abs(w[i][i]));
    }
    for (int i = 0; i < d; i++) {
      for (int j = i + 1; j < d; j++) {
        if (!(Math.abs(w[i][j] - w[j][i]) <= 1e-9 * scale)) {
          throw new IllegalArgumentException("Model '" + NAME + "': " + what + " must be symmetric; "
              + "entry [" + i + "][" + j + "] = " + w[i][j] + " but [" + j + "][" + i + "] = "
              + w[j][i]);
        }
        double v = 0.5 * (w[i][j] + w[j][i]);
        w[i][j] = v;
        w[j][i] = v;
      }
    }
    return w;
  }

  static DMatrixRMaj mat(double[][] a) {
    return new DMatrixRMaj(a);
  }

  static double[][] arr(DMatrixRMaj m) {
    double[][] a = new double[m.numRows][m.numCols];
    for (int i = 0; i < m.numRows; i++) {
      for (int j = 0; j < m.numCols; j++) {
        a[i][j] = m.get(i, j);
      }
    }
    return a;
  }

  static void symmetrise(DMatrixRMaj m) {
    for (int i = 0; i < m.numRows; i++) {
      for (int j = i + 1; j < m.numCols; j++) {
        double v = 0.5 * (m.get(i, j) + m.get(j, i));
        m.set(i, j, v);
        m.set(j, i, v);
      }
    }
  }

  /** The lower Cholesky factor L (A = L Lᵀ); refuses a matrix that is not positive definite. */
  static DMatrixRMaj cholOrThrow(DMatrixRMaj a, String what) {
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(a.numRows, true);
    if (!chol.decompose(a.copy())) {
      throw new IllegalArgumentException("Model '" + NAME + "': " + what
          + " is not symmetric positive definite");
    }
    return chol.getT(null);
  }

  /** ln |A| = 2 Σ ln L_ii for SPD A. */
  static double logDet(DMatrixRMaj a, String what) {
    DMatrixRMaj l = cholOrThrow(a, what);
    double s = 0;
    for (int i = 0; i < l.numRows; i++) {
      s += Math.log(l.get(i, i));
    }
    return 2 * s;
  }

  /** A⁻¹ for SPD A, by Cholesky. */
  static DMatrixRMaj inverse(DMatrixRMaj a, String what) {
    LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(a.numRows);
    if (!s.setA(a.copy())) {
      throw new IllegalArgumentException("Model '" + NAME + "': " + what
          + " is not symmetric positive definite");
    }
    DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
    s.invert(out);
    return out;
  }
}
