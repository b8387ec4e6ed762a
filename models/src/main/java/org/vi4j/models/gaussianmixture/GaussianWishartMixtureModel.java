package org.vi4j.models.gaussianmixture;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ClosedFormElbo;
import org.vi4j.core.spi.ConjugateFactors;
import org.vi4j.core.spi.ConjugateUpdates;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.core.spi.Scope;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The multivariate conjugate Bayesian Gaussian mixture of Bishop, PRML §10.2, as a plugin model
 * ({@value #NAME}): x_n ∈ ℝ^D,
 * <pre>
 *   π ~ Dir(α0·1_K),  Λ_k ~ W(W0, ν0),  μ_k | Λ_k ~ N(m0, (β0 Λ_k)⁻¹),
 *   c_n | π ~ Cat(π),  x_n | c_n = k ~ N(μ_k, Λ_k⁻¹).
 * </pre>
 * The closed-form algebra is {@link GaussianWishartMixture}'s (the engine); this class exposes it
 * through the SPI so {@code cavi} fits it with {@link GaussianWishartMixtureGuide} and
 * {@link GaussianWishartMixtureElbo}, and the sweeps give the engine's ELBO trace.
 *
 * <pre>{@code
 * GaussianWishartMixtureModel model = GaussianWishartMixtureModel.withDefaultPriors(x, 6);  // N x D
 * GaussianWishartMixtureGuide q = new GaussianWishartMixtureGuide(model, Rng.seeded(7));
 * Inference.builder().model(model).guide(q).estimator(new GaussianWishartMixtureElbo())
 *     .optimizer(new Cavi()).stopAfterSteps(200).seed(7).build().run();
 * model.elbo(q);                  // the closed-form ELBO
 * q.sortedComponents();           // sorted by the means' first coordinate
 * }</pre>
 *
 * <p><strong>Latents:</strong> {@code weights} (SIMPLEX, K), {@code loc} (REAL, K·D: μ_1 … μ_K),
 * {@code precision} (POSITIVE_DEFINITE, K·D²: Λ_1 … Λ_K, each D x D row-major), all GLOBAL, and
 * {@code assignment} (CATEGORICAL(K), LOCAL, one per data row). {@link #logJoint} scores explicit
 * assignments (the complete-data log joint) and is a <strong>constant</strong> (no gradient with
 * respect to z): no family draws a POSITIVE_DEFINITE latent reparameterisably, and the model's own
 * family (exact draws, not reparameterised) uses it only for Monte Carlo evaluation. A precision
 * that is not symmetric positive definite, or an assignment outside {0 … K − 1}, is refused.
 *
 * <p><strong>Coordinate ascent</strong> ({@link ConjugateUpdates}) for q(π) Π_k q(μ_k, Λ_k) Π_n
 * q(c_n) = Dir(α) Π_k N(μ_k | m_k, (β_k Λ_k)⁻¹) W(Λ_k | W_k, ν_k) Π_n Cat(r_n), Bishop's
 * factorisation. {@link #conjugateLatents()} is {@code [weights, precision, assignment]}:
 * <strong>the factor named {@code precision} is the joint Normal–Wishart q(μ_k, Λ_k) and covers
 * {@code loc}</strong> (μ_k's optimal factor depends on Λ_k, so they are one factor). With
 * s = N/B and x̃ = x − c for the fixed centre c = m0 (so the prior's first natural parameter is
 * 0 and sums of x̃ x̃ᵀ lose no digits to the data's offset):
 * <pre>
 *   q(π):        α_k − 1 = α0 − 1 + s N_k,                           N_k = Σ_n r_nk
 *   q(μ_k, Λ_k): η = [ s Σ_n r_nk x̃_n,  −(β0 + s N_k)/2,  −(W0⁻¹ + s Σ_n r_nk x̃_n x̃_nᵀ)/2,
 *                      (ν0 − D + s N_k)/2 ]
 *   q(c_n):      log r_nk = E ln π_k + ½ E ln|Λ_k| − (D/2) ln 2π
 *                           − ½ (x̃ᵀ E[Λ_k] x̃ − 2 x̃ᵀ E[Λ_k(μ_k − c)] + E[(μ_k − c)ᵀ Λ_k (μ_k − c)]) + const
 * </pre>
 * which are Bishop's 10.58–10.63 and 10.46–10.49, 10.64–10.66 written in natural parameters, each
 * the exact optimum of its factor given the others, so the ELBO ({@link #elbo}, the engine's
 * 10.70–10.77) never decreases over full-data sweeps. A sweep updates the global factors from the
 * current responsibilities first, then the responsibilities (the engine's sweep).
 *
 * <p><strong>Natural-parameter layouts</strong> (shared with {@link GaussianWishartMixtureGuide}):
 * {@code weights} 1 x K, η = α − 1, E[T] = E ln π; {@code assignment} B x K, η = ln r + const,
 * E[T] = r; {@code precision} 1 x K·P, P = D² + D + 2, component k's block at k·P:
 * <pre>
 *   T = [ Λ(μ − c) (D),  (μ − c)ᵀ Λ (μ − c) (1),  Λ (D², row-major),  ln|Λ| (1) ]
 *   η = [ β(m − c),      −β/2,                      −(W⁻¹ + β(m − c)(m − c)ᵀ)/2,  (ν − D)/2 ]
 *   E[T] = [ νW(m − c),  D/β + ν(m − c)ᵀW(m − c),   νW,   Σ_i ψ((ν + 1 − i)/2) + D ln 2 + ln|W| ]
 * </pre>
 *
 * <p><strong>Default priors</strong> ({@link #withDefaultPriors}; {@link
 * GaussianWishartMixture#defaultPriors}), relative to the data mean x̄ and covariance Σ: α0 = 1/K
 * (surplus components are emptied, as with scikit-learn's {@code BayesianGaussianMixture}),
 * m0 = x̄, β0 = 1, ν0 = D + 1, W0 = (ν0 Σ / K²)⁻¹ (prior mean precision E[Λ] = ν0 W0 = K² Σ⁻¹: a
 * component about 1/K as wide as the data). At D = 1 these are the 1-D model's priors.
 */
public final class GaussianWishartMixtureModel implements Model, ObservedData, ConjugateUpdates,
    ClosedFormElbo {

  /** The plugin name. */
  public static final String NAME = GaussianWishartMixture.NAME;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final GaussianWishartMixture engine;
  private final double[][] x;
  private final Tensor data;
  private final int n;
  private final int d;
  private final int k;
  private final double[] centre;
  private final double[][] w0Inv;
  private final double logWishartB0;
  private final LatentSpec latents;
  private final ParamStore empty = new ParamStore();

  /**
   * @param x the data, N x D, finite, N ≥ 1, D ≥ 1. Not modified (copied).
   * @param k components, ≥ 2
   * @param priors the hyper-parameters (dimension D)
   */
  public GaussianWishartMixtureModel(double[][] x, int k, GaussianWishartMixture.Priors priors) {
    this.engine = new GaussianWishartMixture(x, k, priors);
    this.x = engine.data();
    this.n = this.x.length;
    this.d = engine.dimension();
    this.k = k;
    this.data = Tensor.of(this.x);
    this.centre = priors.m0().clone();
    DMatrixRMaj w0 = GaussianWishartMixture.mat(priors.w0());
    this.w0Inv = GaussianWishartMixture.arr(GaussianWishartMixture.inverse(w0, "prior W0"));
    symmetrise(w0Inv);
    this.logWishartB0 = GaussianWishartMixture.logWishartB(
        GaussianWishartMixture.logDet(w0, "prior W0"), priors.nu0(), d);
    this.latents = LatentSpec.of(Latent.global("weights", k, Support.SIMPLEX),
        Latent.global("loc", k * d, Support.REAL),
        Latent.global("precision", k * d * d, Support.POSITIVE_DEFINITE),
        Latent.categorical("assignment", 1, k, Scope.LOCAL));
  }

  /** With the documented data-relative default priors (class javadoc). */
  public static GaussianWishartMixtureModel withDefaultPriors(double[][] x, int k) {
    return new GaussianWishartMixtureModel(x, k, GaussianWishartMixture.defaultPriors(x, k));
  }

  /** The closed-form engine this model exposes (the same data and priors). */
  public GaussianWishartMixture engine() {
    return engine;
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
  public GaussianWishartMixture.Priors priors() {
    return engine.priors();
  }

  /** The data, N x D (a copy). */
  public double[][] data() {
    return engine.data();
  }

  /** The fixed centre c = m0 of the {@code precision} factor's natural parameters (a copy). */
  public double[] centre() {
    return centre.clone();
  }

  /** P = D² + D + 2, the length of one component's block in the {@code precision} layout. */
  public static int blockSize(int d) {
    return d * d + d + 2;
  }

  @Override
  public LatentSpec latents() {
    return latents;
  }

  @Override
  public ParamStore parameters() {
    return empty;
  }

  @Override
  public Tensor observed() {
    return data;
  }

  /**
   * The complete-data log joint per particle (assignments given), local terms scaled by N/B; a
   * constant (class javadoc).
   */
  @Override
  public Tensor logJoint(Latents z, Batch batch) {
    Objects.requireNonNull(z, "z");
    double[][] xs = batchRows(batch);
    int b = xs.length;
    int p = z.particles();
    double[] w = z.get("weights").toArray();
    double[] mu = z.get("loc").toArray();
    double[] lam = z.get("precision").toArray();
    double[] c = z.get("assignment").toArray();
    GaussianWishartMixture.Priors pr = engine.priors();
    double alpha0 = pr.alpha0();
    double beta0 = pr.beta0();
    double nu0 = pr.nu0();
    double[] m0 = pr.m0();
    double[] out = new double[p];
    double[][] lamC = new double[d][d];
    double[][][] lamAll = new double[k][d][d];
    double[] logDet = new double[k];
    double[][] muAll = new double[k][d];
    double[] logPi = new double[k];
    for (int q = 0; q < p; q++) {
      double lp = SpecialFunctions.lgamma(k * alpha0) - k * SpecialFunctions.lgamma(alpha0);
      for (int cc = 0; cc < k; cc++) {
        logPi[cc] = Math.log(w[q * k + cc]);
        lp += (alpha0 - 1) * logPi[cc];
        for (int a = 0; a < d; a++) {
          muAll[cc][a] = mu[q * k * d + cc * d + a];
          for (int bb = 0; bb < d; bb++) {
            lamC[a][bb] = lam[q * k * d * d + cc * d * d + a * d + bb];
          }
        }
        lamAll[cc] = checkedPrecision(lamC, q, cc);
        logDet[cc] = GaussianWishartMixture.logDet(GaussianWishartMixture.mat(lamAll[cc]),
            "precision of particle " + q + ", component " + cc);
        double tr = 0;
        for (int a = 0; a < d; a++) {
          for (int bb = 0; bb < d; bb++) {
            tr += w0Inv[a][bb] * lamAll[cc][bb][a];
          }
        }
        lp += logWishartB0 + 0.5 * (nu0 - d - 1) * logDet[cc] - 0.5 * tr;          // W(Λ | W0, ν0)
        lp += 0.5 * d * Math.log(beta0) - 0.5 * d * LOG_2PI + 0.5 * logDet[cc]
            - 0.5 * beta0 * GaussianWishartMixture.quad(lamAll[cc], muAll[cc], m0);  // N(μ | m0, (β0Λ)⁻¹)
      }
      double local = 0;
      for (int i = 0; i < b; i++) {
        double ci = c[q * b + i];
        if (!(ci >= 0 && ci < k && ci == Math.rint(ci))) {
          throw new IllegalArgumentException("Model '" + NAME + "': assignment row " + (q * b + i)
              + " is " + ci + "; accepted: an integer in [0, " + k + ")");
        }
        int cc = (int) ci;
        local += logPi[cc] + 0.5 * logDet[cc] - 0.5 * d * LOG_2PI
            - 0.5 * GaussianWishartMixture.quad(lamAll[cc], xs[i], muAll[cc]);
      }
      out[q] = lp + batch.scale() * local;
    }
    return Tensor.column(out);
  }

  private double[][] checkedPrecision(double[][] lam, int particle, int component) {
    try {
      return GaussianWishartMixture.symmetricCopy(lam, "precision of particle " + particle
          + ", component " + component);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "; a POSITIVE_DEFINITE value must be "
          + "symmetric positive definite", e);
    }
  }

  /** The batch's rows as N x D arrays, refusing a batch whose width is not D. */
  double[][] batchRows(Batch batch) {
    Objects.requireNonNull(batch, "batch");
    Tensor t = batch.data();
    if (t.cols() != d) {
      throw new IllegalArgumentException("Model '" + NAME + "': batch rows have " + t.cols()
          + " columns, the model's data have D = " + d);
    }
    double[] v = t.toArray();
    double[][] out = new double[t.rows()][d];
    for (int i = 0; i < out.length; i++) {
      System.arraycopy(v, i * d, out[i], 0, d);
    }
    return out;
  }

  // ------------------------------------------------------------------ CAVI

  /** weights, precision (the joint Normal–Wishart factor, covering loc), assignment. */
  @Override
  public List<String> conjugateLatents() {
    return List.of("weights", "precision", "assignment");
  }

  @Override
  public Tensor optimalNaturalParameters(String latent, ConjugateFactors q, Batch batch) {
    Objects.requireNonNull(q, "q");
    double s = batch.scale();
    switch (latent == null ? "" : latent) {
      case "weights": {
        double[] nk = counts(q.expectedSufficientStatistics("assignment", batch).toArray());
        double[] eta = new double[k];
        for (int c = 0; c < k; c++) {
          eta[c] = engine.priors().alpha0() + s * nk[c] - 1;
        }
        return Tensor.row(eta);
      }
      case "precision":
        return Tensor.row(normalWishartEta(q, batch, s));
      case "assignment":
        return Tensor.of(responsibilityEta(q, batch));
      default:
        throw new IllegalArgumentException("Model '" + NAME + "': no closed-form update for latent '"
            + latent + "'; accepted: " + conjugateLatents() + ("loc".equals(latent)
                ? " (loc is updated with precision, in the joint Normal-Wishart factor)" : ""));
    }
  }

  private double[] counts(double[] r) {
    double[] nk = new double[k];
    for (int i = 0; i < r.length; i++) {
      nk[i % k] += r[i];
    }
    return nk;
  }

  private double[] normalWishartEta(ConjugateFactors q, Batch batch, double s) {
    double[][] xs = batchRows(batch);
    double[] r = q.expectedSufficientStatistics("assignment", batch).toArray();
    GaussianWishartMixture.Priors pr = engine.priors();
    int pb = blockSize(d);
    double[] eta = new double[k * pb];
    double[] xt = new double[d];
    for (int c = 0; c < k; c++) {
      double nk = 0;
      double[] sx = new double[d];
      double[][] sxx = new double[d][d];
      for (int i = 0; i < xs.length; i++) {
        double rik = r[i * k + c];
        if (rik == 0) {
          continue;
        }
        nk += rik;
        for (int a = 0; a < d; a++) {
          xt[a] = xs[i][a] - centre[a];
          sx[a] += rik * xt[a];
        }
        for (int a = 0; a < d; a++) {
          for (int bb = 0; bb < d; bb++) {
            sxx[a][bb] += rik * xt[a] * xt[bb];
          }
        }
      }
      int o = c * pb;
      for (int a = 0; a < d; a++) {
        eta[o + a] = s * sx[a];
      }
      eta[o + d] = -0.5 * (pr.beta0() + s * nk);
      for (int a = 0; a < d; a++) {
        for (int bb = 0; bb < d; bb++) {
          eta[o + d + 1 + a * d + bb] = -0.5 * (w0Inv[a][bb] + s * sxx[a][bb]);
        }
      }
      eta[o + d + 1 + d * d] = 0.5 * (pr.nu0() - d + s * nk);
    }
    return eta;
  }

  private double[][] responsibilityEta(ConjugateFactors q, Batch batch) {
    double[][] xs = batchRows(batch);
    double[] elogpi = q.expectedSufficientStatistics("weights", batch).toArray();
    double[] t = q.expectedSufficientStatistics("precision", batch).toArray();
    int pb = blockSize(d);
    double[][] eta = new double[xs.length][k];
    double[] xt = new double[d];
    for (int i = 0; i < xs.length; i++) {
      for (int a = 0; a < d; a++) {
        xt[a] = xs[i][a] - centre[a];
      }
      for (int c = 0; c < k; c++) {
        int o = c * pb;
        double quad = 0;
        double lin = 0;
        for (int a = 0; a < d; a++) {
          lin += xt[a] * t[o + a];
          double row = 0;
          for (int bb = 0; bb < d; bb++) {
            row += t[o + d + 1 + a * d + bb] * xt[bb];
          }
          quad += xt[a] * row;
        }
        eta[i][c] = elogpi[c] + 0.5 * t[o + d + 1 + d * d] - 0.5 * d * LOG_2PI
            - 0.5 * (quad - 2 * lin + t[o + d]);
      }
    }
    return eta;
  }

  /**
   * {@link #elbo} for this model's own guide, so the inference loop reports (and restarts are
   * chosen by) the exact ELBO; empty for any other guide.
   */
  @Override
  public OptionalDouble closedFormElbo(VariationalFamily q) {
    return q instanceof GaussianWishartMixtureGuide g ? OptionalDouble.of(elbo(g)) : OptionalDouble.empty();
  }

  /**
   * The ELBO of the full data set under {@code q}, in closed form (Bishop 10.70–10.77, the
   * engine's {@link GaussianWishartMixture#elbo}).
   */
  public double elbo(GaussianWishartMixtureGuide q) {
    Objects.requireNonNull(q, "q");
    if (q.dataPoints() != n || q.components() != k || q.dimension() != d) {
      throw new IllegalArgumentException("Model '" + NAME + "': guide is for N = " + q.dataPoints()
          + ", K = " + q.components() + ", D = " + q.dimension() + "; the model has N = " + n
          + ", K = " + k + ", D = " + d);
    }
    return engine.elbo(q.factors());
  }

  private static void symmetrise(double[][] m) {
    for (int i = 0; i < m.length; i++) {
      for (int j = i + 1; j < m.length; j++) {
        double v = 0.5 * (m[i][j] + m[j][i]);
        m[i][j] = v;
        m[j][i] = v;
      }
    }
  }

  @Override
  public String toString() {
    return "GaussianWishartMixtureModel[K=" + k + ", D=" + d + ", N=" + n + "]";
  }
}
