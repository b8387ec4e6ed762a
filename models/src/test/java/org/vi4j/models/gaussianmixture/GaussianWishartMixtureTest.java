package org.vi4j.models.gaussianmixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.random.Samplers;
import org.vi4j.core.testing.Vi4jTestBase;

class GaussianWishartMixtureTest extends Vi4jTestBase {

  static final double[][] TRUE_MEANS = {{-6, 0}, {0, 6}, {6, -2}};
  static final double[] TRUE_SD = {1.0, 0.7, 1.2};
  static final int PER = 100;

  /** 3 x 100 points from 3 well-separated 2-D Gaussians (the second correlated), seeded. */
  static double[][] data() {
    Rng rng = Rng.seeded(2024);
    double[][] x = new double[3 * PER][];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < PER; i++) {
        double z1 = rng.nextGaussian();
        double z2 = rng.nextGaussian();
        double u = c == 1 ? 0.6 * z1 + 0.8 * z2 : z2;
        x[c * PER + i] = new double[] {TRUE_MEANS[c][0] + TRUE_SD[c] * z1,
            TRUE_MEANS[c][1] + TRUE_SD[c] * u};
      }
    }
    return x;
  }

  static final double[][] X = data();

  @Test
  void elboNeverDecreasesOver100SweepsFrom10RandomStarts() {
    GaussianWishartMixture m = GaussianWishartMixture.withDefaultPriors(X, 6);
    double worst = 0;
    for (int start = 0; start < 10; start++) {
      GaussianWishartMixture.Factors q = m.start(Rng.seeded(100 + start));
      double prev = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < 100; t++) {
        m.sweep(q);
        double e = m.elbo(q);
        assertTrue(Double.isFinite(e));
        if (Double.isFinite(prev)) {
          worst = Math.min(worst, (e - prev) / Math.abs(prev));
        }
        assertTrue(e >= prev - 1e-8 * Math.abs(prev), "start " + start + ", sweep " + t + ": "
            + prev + " -> " + e);
        prev = e;
      }
    }
  }

  @Test
  void recoversMeansAndPrunesSurplusComponents() {
    GaussianWishartMixture m = GaussianWishartMixture.withDefaultPriors(X, 6);
    GaussianWishartMixture.Factors q = m.start(Rng.seeded(1));
    for (int t = 0; t < 300; t++) {
      m.sweep(q);
    }
    double[] w = q.expectedWeights();
    Integer[] idx = {0, 1, 2, 3, 4, 5};
    Arrays.sort(idx, Comparator.comparingDouble(c -> -w[c]));
    double[][] found = new double[3][];
    for (int j = 0; j < 3; j++) {
      found[j] = q.m[idx[j]];
      assertEquals(1.0 / 3, w[idx[j]], 0.05, Arrays.toString(w));
    }
    for (int j = 3; j < 6; j++) {
      assertTrue(w[idx[j]] < 0.02, "surplus weight " + w[idx[j]] + ": " + Arrays.toString(w));
    }
    Arrays.sort(found, Comparator.comparingDouble(v -> v[0]));
    double maxZ = 0;
    for (int c = 0; c < 3; c++) {
      double se = TRUE_SD[c] / Math.sqrt(PER);
      for (int j = 0; j < 2; j++) {
        double z = Math.abs(found[c][j] - TRUE_MEANS[c][j]) / se;
        maxZ = Math.max(maxZ, z);
        assertTrue(z < 4, "component " + c + " coord " + j + ": " + found[c][j] + " vs "
            + TRUE_MEANS[c][j] + " (" + z + " SE)");
      }
    }
  }

  /** The closed-form ELBO equals the Monte Carlo mean of ln p(X, Z, π, μ, Λ) − ln q under q. */
  @Test
  void closedFormElboMatchesMonteCarlo() {
    GaussianWishartMixture m = GaussianWishartMixture.withDefaultPriors(X, 4);
    GaussianWishartMixture.Factors q = m.start(Rng.seeded(3));
    for (int t = 0; t < 3; t++) {
      m.sweep(q);
    }
    Rng rng = Rng.seeded(5);
    int s = 2000;
    double[] v = new double[s];
    for (int i = 0; i < s; i++) {
      v[i] = logJointMinusLogQ(m, q, rng);
    }
    double mean = Arrays.stream(v).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / (s - 1));
    double se = sd / Math.sqrt(s);
    double elbo = m.elbo(q);
    assertEquals(elbo, mean, 4 * se, "MC " + mean + " ± " + se);
  }

  @Test
  void atDimensionOneThePriorsAreThoseOfTheOneDimensionalModel() {
    double[] x1 = Arrays.stream(X).mapToDouble(r -> r[0]).toArray();
    double[][] col = Arrays.stream(x1).mapToObj(v -> new double[] {v}).toArray(double[][]::new);
    GaussianMixtureModel.Priors p1 = GaussianMixtureModel.withDefaultPriors(x1, 5).priors();
    GaussianWishartMixture.Priors pd = GaussianWishartMixture.withDefaultPriors(col, 5).priors();
    assertEquals(p1.alpha0(), pd.alpha0(), 1e-15);
    assertEquals(p1.m0(), pd.m0()[0], 1e-12);
    assertEquals(p1.beta0(), pd.beta0(), 1e-15);
    assertEquals(p1.a0(), pd.nu0() / 2, 1e-15);
    assertEquals(p1.b0(), 1 / (2 * pd.w0()[0][0]), 1e-12 * p1.b0());
  }

  @Test
  void refusesBadInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianWishartMixture.withDefaultPriors(new double[][] {{1, 2}, {3, Double.NaN}}, 2));
    assertTrue(e.getMessage().contains("data point 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GaussianWishartMixture.Priors(0.5,
        new double[] {0, 0}, 1, 0.5, new double[][] {{1, 0}, {0, 1}}));
    assertTrue(e.getMessage().contains("nu0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GaussianWishartMixture.Priors(0.5,
        new double[] {0, 0}, 1, 3, new double[][] {{1, 2}, {2, 1}}));
    assertTrue(e.getMessage().contains("positive definite"), e.getMessage());
  }

  // ------------------------------------------------------------------ exact draws from q

  static double logJointMinusLogQ(GaussianWishartMixture m, GaussianWishartMixture.Factors q,
      Rng rng) {
    int k = m.components();
    int d = m.dimension();
    double[][] x = m.data();
    GaussianWishartMixture.Priors p = m.priors();
    double[] pi = new double[k];
    Samplers.dirichlet(rng, q.alpha, pi);
    double lp = logDirichlet(pi, filled(k, p.alpha0()));
    double lq = logDirichlet(pi, q.alpha);
    DMatrixRMaj[] lam = new DMatrixRMaj[k];
    double[][] mu = new double[k][];
    DMatrixRMaj w0 = GaussianWishartMixture.mat(p.w0());
    for (int c = 0; c < k; c++) {
      DMatrixRMaj wk = GaussianWishartMixture.mat(q.w[c]);
      lam[c] = wishart(rng, wk, q.nu[c]);
      DMatrixRMaj prec = lam[c].copy();
      CommonOps_DDRM.scale(q.beta[c], prec);
      mu[c] = gaussian(rng, q.m[c], prec);
      lq += logWishart(lam[c], wk, q.nu[c]) + logNormal(mu[c], q.m[c], prec);
      DMatrixRMaj prec0 = lam[c].copy();
      CommonOps_DDRM.scale(p.beta0(), prec0);
      lp += logWishart(lam[c], w0, p.nu0()) + logNormal(mu[c], p.m0(), prec0);
    }
    for (int i = 0; i < x.length; i++) {
      int c = Samplers.categorical(rng, q.r[i]);
      lq += Math.log(q.r[i][c]);
      lp += Math.log(pi[c]) + logNormal(x[i], mu[c], lam[c]);
    }
    return lp - lq;
  }

  static double[] filled(int k, double v) {
    double[] a = new double[k];
    Arrays.fill(a, v);
    return a;
  }

  static double logDirichlet(double[] pi, double[] a) {
    double s = SpecialFunctions.lgamma(Arrays.stream(a).sum());
    for (int c = 0; c < a.length; c++) {
      s += (a[c] - 1) * Math.log(pi[c]) - SpecialFunctions.lgamma(a[c]);
    }
    return s;
  }

  /** Bartlett: Λ = L A Aᵀ Lᵀ, W = L Lᵀ, A lower with A_ii² ~ χ²(ν − i), A_ij ~ N(0, 1). */
  static DMatrixRMaj wishart(Rng rng, DMatrixRMaj w, double nu) {
    int d = w.numRows;
    DMatrixRMaj l = GaussianWishartMixture.cholOrThrow(w, "W");
    DMatrixRMaj a = new DMatrixRMaj(d, d);
    for (int i = 0; i < d; i++) {
      a.set(i, i, Math.sqrt(Samplers.gamma(rng, (nu - i) / 2, 0.5)));
      for (int j = 0; j < i; j++) {
        a.set(i, j, rng.nextGaussian());
      }
    }
    DMatrixRMaj la = new DMatrixRMaj(d, d);
    CommonOps_DDRM.mult(l, a, la);
    DMatrixRMaj out = new DMatrixRMaj(d, d);
    CommonOps_DDRM.multTransB(la, la, out);
    return out;
  }

  static double logWishart(DMatrixRMaj lam, DMatrixRMaj w, double nu) {
    int d = w.numRows;
    DMatrixRMaj winv = GaussianWishartMixture.inverse(w, "W");
    DMatrixRMaj prod = new DMatrixRMaj(d, d);
    CommonOps_DDRM.mult(winv, lam, prod);
    return GaussianWishartMixture.logWishartB(GaussianWishartMixture.logDet(w, "W"), nu, d)
        + 0.5 * (nu - d - 1) * GaussianWishartMixture.logDet(lam, "Lambda")
        - 0.5 * CommonOps_DDRM.trace(prod);
  }

  /** A draw from N(m, P⁻¹): m + L⁻ᵀ z with P = L Lᵀ. */
  static double[] gaussian(Rng rng, double[] m, DMatrixRMaj prec) {
    int d = m.length;
    DMatrixRMaj cov = GaussianWishartMixture.inverse(prec, "P");
    DMatrixRMaj c = GaussianWishartMixture.cholOrThrow(cov, "cov");
    double[] z = new double[d];
    for (int i = 0; i < d; i++) {
      z[i] = rng.nextGaussian();
    }
    double[] out = m.clone();
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        out[i] += c.get(i, j) * z[j];
      }
    }
    return out;
  }

  static double logNormal(double[] v, double[] m, DMatrixRMaj prec) {
    int d = m.length;
    return -0.5 * d * Math.log(2 * Math.PI) + 0.5 * GaussianWishartMixture.logDet(prec, "P")
        - 0.5 * GaussianWishartMixture.quad(GaussianWishartMixture.arr(prec), v, m);
  }
}
