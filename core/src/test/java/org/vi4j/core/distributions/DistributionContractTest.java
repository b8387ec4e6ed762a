package org.vi4j.core.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.autodiff.Tape;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * The contract every {@link Distribution} must meet, after Commons Statistics'
 * {@code BaseContinuousDistributionTest}: a subclass says how to make its distribution from
 * parameter tensors ({@link #makeDistribution}), which parameters are invalid
 * ({@link #makeInvalidParameters}) and where its reference values are ({@link #referenceName}:
 * {@code <name>.<case>.properties}, written by {@code generate_reference.py} from scipy).
 *
 * <p><strong>Tolerances.</strong> Reference values: relative error below {@link #REL_TOL}
 * (1e-12, what double evaluation of these formulas allows). Monte Carlo checks: a sample mean is
 * compared with its expectation within {@link #Z} = 4.5 estimated standard errors. Under the CLT
 * a correct implementation fails one such check with probability about 7e-6; with roughly a
 * thousand checks in the suite that is under 1% for a fresh seed, and the seeds are fixed, so the
 * suite is deterministic. A real error of a few per cent in a moment or gradient shows up as
 * dozens of standard errors at these sample sizes.
 */
abstract class DistributionContractTest extends Vi4jTestBase {

  /** Relative tolerance for reference values. */
  static final double REL_TOL = 1e-12;
  /** Monte Carlo tolerance in standard errors (see the class comment). */
  static final double Z = 4.5;
  /** Draws for the moment and entropy checks. */
  static final int DRAWS = 20_000;

  /** An invalid parameter set (one row of values per parameter) and what its error must name. */
  record Invalid(String parameter, String value, double[]... params) {}

  /** One reference file. */
  record Case(String file, double[][] params, double[] x, double[] logProb, double[] boundaryX,
      double[] boundaryLogProb, double[] mean, double[] variance, double[] entropy) {}

  /** The distribution with these parameter tensors, in the order of {@link #getParameterNames()}. */
  abstract Distribution makeDistribution(Tensor... params);

  abstract String[] getParameterNames();

  abstract List<Invalid> makeInvalidParameters();

  /** Prefix of the reference files, e.g. {@code "normal"} for {@code normal.1.properties}. */
  abstract String referenceName();

  /** Whether logProb is differentiable in the value (continuous distributions). */
  boolean differentiableInValue() {
    return true;
  }

  /** Relative finite-difference step of the logProb gradient check. */
  double gradientStep() {
    return GradientCheck.STEP;
  }

  /** Columns of a value (n x 1 category indices for Categorical). */
  int valueCols(Distribution d) {
    return d.eventCols() == 1 ? d.cols() : d.eventCols();
  }

  /**
   * The per-draw quantity whose mean and variance are {@link Distribution#mean()} and
   * {@link Distribution#variance()} (the draws themselves; Categorical's one-hot encoding).
   */
  double[][] statistic(Distribution d, Tensor draws) {
    double[][] s = new double[draws.rows()][draws.cols()];
    for (int i = 0; i < draws.rows(); i++) {
      for (int j = 0; j < draws.cols(); j++) {
        s[i][j] = draws.get(i, j);
      }
    }
    return s;
  }

  // ------------------------------------------------------------------ reference values

  final List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String file = referenceName() + "." + i + ".properties";
      Properties p = new Properties();
      try (InputStream in = getClass().getResourceAsStream(file)) {
        if (in == null) {
          break;
        }
        p.load(in);
      } catch (IOException e) {
        throw new IllegalStateException(file, e);
      }
      List<double[]> params = new ArrayList<>();
      for (int k = 0; p.containsKey("parameters." + k); k++) {
        params.add(numbers(p, "parameters." + k));
      }
      out.add(new Case(file, params.toArray(new double[0][]), numbers(p, "x"),
          numbers(p, "logProb"), numbers(p, "boundaryX"), numbers(p, "boundaryLogProb"),
          numbers(p, "mean"), numbers(p, "variance"), numbers(p, "entropy")));
    }
    assertTrue(out.size() >= 2, "need at least two reference cases for " + referenceName());
    return out;
  }

  private static double[] numbers(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      return null;
    }
    return Arrays.stream(v.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
  }

  static Tensor[] constants(double[][] params) {
    Tensor[] t = new Tensor[params.length];
    for (int i = 0; i < params.length; i++) {
      t[i] = Tensor.row(params[i]);
    }
    return t;
  }

  final Distribution make(Case c) {
    return makeDistribution(constants(c.params()));
  }

  /** Values as rows of {@code cols}. */
  static Tensor values(double[] flat, int cols) {
    return Tensor.constant(new DMatrixRMaj(flat.length / cols, cols, true, flat));
  }

  static void assertClose(double expected, double actual, double relTol, String what) {
    if (Double.isInfinite(expected) || Double.isNaN(expected)) {
      assertEquals(expected, actual, what);
      return;
    }
    double err = Math.abs(actual - expected) / Math.max(1.0, Math.abs(expected));
    assertTrue(err < relTol, what + ": expected " + expected + ", got " + actual + " (rel err "
        + err + ")");
  }

  @Test
  void logProbMatchesReference() {
    for (Case c : cases()) {
      Distribution d = make(c);
      Tensor lp = d.logProb(values(c.x(), valueCols(d)));
      assertEquals(c.logProb().length, lp.size(), c.file());
      for (int k = 0; k < lp.size(); k++) {
        assertClose(c.logProb()[k], lp.toArray()[k], REL_TOL, c.file() + " logProb #" + k);
      }
      if (c.boundaryX() != null) {
        Tensor blp = d.logProb(values(c.boundaryX(), valueCols(d)));
        for (int k = 0; k < blp.size(); k++) {
          assertClose(c.boundaryLogProb()[k], blp.toArray()[k], REL_TOL,
              c.file() + " boundary logProb #" + k);
        }
      }
    }
  }

  @Test
  void momentsAndEntropyMatchReference() {
    for (Case c : cases()) {
      Distribution d = make(c);
      double[] mean = d.mean().toArray();
      double[] var = d.variance().toArray();
      assertEquals(c.mean().length, mean.length, c.file());
      for (int k = 0; k < mean.length; k++) {
        assertClose(c.mean()[k], mean[k], REL_TOL, c.file() + " mean #" + k);
        assertClose(c.variance()[k], var[k], REL_TOL, c.file() + " variance #" + k);
      }
      if (c.entropy() == null) {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
            d::entropy);
        assertTrue(e.getMessage().contains(d.name()), e.getMessage());
      } else {
        assertClose(c.entropy()[0], d.entropy().item(), REL_TOL, c.file() + " entropy");
      }
    }
  }

  @Test
  void invalidParametersAreRefusedNamingDistributionParameterAndValue() {
    List<Invalid> invalid = makeInvalidParameters();
    assertTrue(invalid.size() >= 2);
    String name = make(cases().get(0)).name();
    for (Invalid inv : invalid) {
      DistributionException e = assertThrows(DistributionException.class,
          () -> makeDistribution(constants(inv.params())), inv.toString());
      String m = e.getMessage();
      assertTrue(m.contains(name) && m.contains(inv.parameter()) && m.contains(inv.value()),
          "message should name " + name + ", " + inv.parameter() + " and " + inv.value() + ": " + m);
    }
  }

  @Test
  void nameIsTheConstantAndToStringShowsIt() throws ReflectiveOperationException {
    Distribution d = make(cases().get(0));
    assertEquals(d.getClass().getField("NAME").get(null), d.name());
    assertTrue(d.toString().startsWith(d.name()), d.toString());
    assertTrue(Arrays.asList(getParameterNames()).size() == cases().get(0).params().length);
  }

  // ------------------------------------------------------------------ Monte Carlo checks

  /** Asserts |mean of v − expected| &lt; Z standard errors, the SE estimated from v itself. */
  static void assertMeanWithinMcError(double expected, double[] v, String what) {
    assertMeanWithinMcError(expected, v, 1e-12, what);
  }

  /**
   * As {@link #assertMeanWithinMcError(double, double[], String)} with a relative floor for an
   * expectation that is itself approximate (a finite difference) or a draw with no variance.
   */
  static void assertMeanWithinMcError(double expected, double[] v, double floor, String what) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    double se = Math.sqrt(ss / (v.length - 1) / v.length);
    double tol = Z * se + floor * Math.max(1.0, Math.abs(expected));
    assertTrue(Math.abs(m - expected) < tol, what + ": Monte Carlo mean " + m + " vs " + expected
        + " (|diff| " + Math.abs(m - expected) + ", " + Z + " SE = " + tol + ")");
  }

  /**
   * Sample mean and variance of each column vs mean() and variance(). The variance check uses
   * the squared deviations from the known mean, whose average is unbiased for the variance and
   * whose standard error is estimated from the same draws.
   */
  private void checkMoments(Distribution d, Tensor draws, String what) {
    double[][] s = statistic(d, draws);
    double[] mean = d.mean().toArray();
    double[] var = d.variance().toArray();
    int cols = mean.length;
    for (int j = 0; j < cols; j++) {
      double[] col = new double[s.length];
      double[] sq = new double[s.length];
      for (int i = 0; i < s.length; i++) {
        col[i] = s[i][j];
        sq[i] = (s[i][j] - mean[j]) * (s[i][j] - mean[j]);
      }
      assertMeanWithinMcError(mean[j], col, what + " mean col " + j);
      assertMeanWithinMcError(var[j], sq, what + " variance col " + j);
    }
  }

  @Test
  void sampleMomentsMatchMeanAndVariance() {
    Rng rng = Rng.seeded(11);
    for (Case c : cases()) {
      Distribution d = make(c);
      Tensor draws = d.sample(rng, DRAWS);
      assertEquals(DRAWS, draws.rows());
      assertEquals(valueCols(d), draws.cols());
      checkMoments(d, draws, c.file() + " sample");
      if (d.hasRsample()) {
        checkMoments(d, d.rsample(rng, DRAWS), c.file() + " rsample");
      }
    }
  }

  @Test
  void entropyMatchesMonteCarlo() {
    Rng rng = Rng.seeded(12);
    for (Case c : cases()) {
      Distribution d = make(c);
      if (c.entropy() == null) {
        continue;
      }
      double[] lp = d.logProb(d.sample(rng, DRAWS)).toArray();
      for (int k = 0; k < lp.length; k++) {
        lp[k] = -lp[k];
      }
      assertMeanWithinMcError(d.entropy().item(), lp, c.file() + " entropy");
    }
  }

  @Test
  void withoutPathwiseSamplerRsampleIsRefused() {
    Distribution d = make(cases().get(0));
    if (!d.hasRsample()) {
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> d.rsample(Rng.seeded(1), 3));
      assertTrue(e.getMessage().contains(d.name()), e.getMessage());
    }
  }

  /**
   * The pathwise gradient of E[z] and E[z²] (weighted over columns) vs the derivative of the
   * closed forms Σ w_c mean_c and Σ w_c (variance_c + mean_c²), taken by central differences
   * (error ~1e-10, negligible). The Monte Carlo estimate is the average over B independent batches
   * of one backward pass each; its standard error is the batches' standard deviation / √B. With
   * B = 40 the studentised error is t-distributed with 39 degrees of freedom, P(|t| &gt; 4.5) ≈
   * 6e-5 per check. For Gamma, Beta and Dirichlet this checks the implicit reparameterisation
   * gradient of the gamma draws.
   */
  @Test
  void rsampleGradientMatchesDerivativeOfClosedForms() {
    Distribution first = make(cases().get(0));
    if (!first.hasRsample()) {
      return;
    }
    Rng rng = Rng.seeded(13);
    int batches = 40;
    int perBatch = 1000;
    for (Case c : cases().subList(0, 2)) {
      double[][] params = c.params();
      int cols = make(c).cols();
      double[] w = new double[cols];
      for (int j = 0; j < cols; j++) {
        w[j] = 1.0 + 0.5 * j;
      }
      for (int moment = 1; moment <= 2; moment++) {
        double[][][] est = new double[batches][][];
        for (int b = 0; b < batches; b++) {
          Tensor[] vars = new Tensor[params.length];
          try (Tape tape = Tape.record()) {
            for (int i = 0; i < params.length; i++) {
              vars[i] = tape.watch(Tensor.variable(new DMatrixRMaj(1, params[i].length, true,
                  params[i])));
            }
            Tensor z = makeDistribution(vars).rsample(rng, perBatch);
            Tensor f = (moment == 1 ? z : z.square()).mul(Tensor.row(w)).sumRows().mean();
            tape.backward(f);
          }
          est[b] = new double[params.length][];
          for (int i = 0; i < params.length; i++) {
            est[b][i] = vars[i].grad().data.clone();
          }
        }
        for (int i = 0; i < params.length; i++) {
          for (int k = 0; k < params[i].length; k++) {
            double exact = closedFormDerivative(params, i, k, w, moment);
            double[] per = new double[batches];
            for (int b = 0; b < batches; b++) {
              per[b] = est[b][i][k];
            }
            // floor 1e-8: the central difference's own error (~1e-10), for exact gradients such
            // as dE[z]/dloc = 1 whose every batch agrees (zero standard error)
            assertMeanWithinMcError(exact, per, 1e-8, c.file() + " d E[z^" + moment + "] / d "
                + getParameterNames()[i] + "[" + k + "]");
          }
        }
      }
    }
  }

  private double closedFormDerivative(double[][] params, int i, int k, double[] w, int moment) {
    double h = 1e-5 * Math.max(1.0, Math.abs(params[i][k]));
    double[][] up = deepCopy(params);
    double[][] down = deepCopy(params);
    up[i][k] += h;
    down[i][k] -= h;
    return (weightedMoment(up, w, moment) - weightedMoment(down, w, moment)) / (2 * h);
  }

  private double weightedMoment(double[][] params, double[] w, int moment) {
    Distribution d = makeDistribution(constants(params));
    double[] m = d.mean().toArray();
    double[] v = d.variance().toArray();
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      s += w[j] * (moment == 1 ? m[j] : v[j] + m[j] * m[j]);
    }
    return s;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  // ------------------------------------------------------------------ gradients of logProb

  @Test
  void logProbIsDifferentiableInValueAndParameters() {
    for (Case c : cases()) {
      Distribution d = make(c);
      DMatrixRMaj x = new DMatrixRMaj(c.x().length / valueCols(d), valueCols(d), true, c.x());
      int np = c.params().length;
      DMatrixRMaj[] points = new DMatrixRMaj[np + 1];
      points[0] = x;
      for (int i = 0; i < np; i++) {
        points[i + 1] = new DMatrixRMaj(1, c.params()[i].length, true, c.params()[i]);
      }
      double err;
      if (differentiableInValue()) {
        err = GradientCheck.maxError(in -> makeDistribution(Arrays.copyOfRange(in, 1, np + 1))
            .logProb(in[0]), gradientStep(), points);
      } else {
        Tensor xc = Tensor.constant(x);
        err = GradientCheck.maxError(in -> makeDistribution(in).logProb(xc), gradientStep(),
            Arrays.copyOfRange(points, 1, np + 1));
      }
      assertTrue(err < 1e-6, c.file() + ": logProb gradient error " + err);
    }
  }

  // ------------------------------------------------------------------ shapes

  /** Parameters r x d: row i from case i + 1 (each scalar repeated over d columns). */
  private Tensor[] stacked(List<Case> cs, int d) {
    int np = cs.get(0).params().length;
    Tensor[] t = new Tensor[np];
    for (int i = 0; i < np; i++) {
      double[][] rows = new double[cs.size()][];
      for (int r = 0; r < cs.size(); r++) {
        double[] p = cs.get(r).params()[i];
        rows[r] = p.length == 1 ? filled(d, p[0]) : p.clone();
      }
      t[i] = Tensor.of(rows);
    }
    return t;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Test
  void oneRowParametersGiveParticlesByColumnsDraws() {
    List<Case> cs = cases().subList(0, 1);
    Distribution d = makeDistribution(stacked(cs, 3));
    int cols = d.cols();
    Tensor s = d.sample(Rng.seeded(3), 7);
    assertEquals(7, s.rows());
    assertEquals(valueCols(d), s.cols());
    if (d.hasRsample()) {
      Tensor z = d.rsample(Rng.seeded(3), 7);
      assertEquals(7, z.rows());
      assertEquals(cols, z.cols());
    }
    Tensor lp = d.logProb(s);
    assertEquals(7, lp.rows());
    assertEquals(d.eventCols() == 1 ? cols : 1, lp.cols());
  }

  /**
   * r x d parameters (r = 2, rows from two reference cases) give (particles·r) x d draws,
   * particle-major: the draws at rows p·r + i have parameter row i's mean (checked within Monte
   * Carlo error), and logProb on them repeats the parameters (row p·r + i equals the logProb of
   * parameter row i alone).
   */
  @Test
  void manyRowParametersGiveParticleMajorDrawsAndLogProb() {
    List<Case> cs = cases().subList(0, 2);
    Distribution d = makeDistribution(stacked(cs, 3));
    int r = 2;
    assertEquals(r, d.rows());
    int cols = d.cols();
    int eventCols = d.eventCols();
    assertEquals(r * cols, d.mean().size());
    assertEquals(r, d.mean().rows());
    assertEquals(r, d.variance().rows());
    assertEquals(cols, d.variance().cols());
    if (cases().get(0).entropy() != null) {
      Tensor h = d.entropy();
      assertEquals(r, h.rows());
      assertEquals(eventCols == 1 ? cols : 1, h.cols());
    }
    int particles = 4000;
    Rng rng = Rng.seeded(21);
    List<Tensor> drawSets = new ArrayList<>();
    drawSets.add(d.sample(rng, particles));
    if (d.hasRsample()) {
      drawSets.add(d.rsample(rng, particles));
    }
    for (Tensor s : drawSets) {
      assertEquals(particles * r, s.rows());
      assertEquals(valueCols(d), s.cols());
      double[][] stat = statistic(d, s);
      double[] mean = d.mean().toArray();
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < cols; j++) {
          double[] v = new double[particles];
          for (int p = 0; p < particles; p++) {
            v[p] = stat[p * r + i][j];
          }
          assertMeanWithinMcError(mean[i * cols + j], v, "parameter row " + i + " col " + j);
        }
      }
      Tensor few = s.slice(0, 3 * r, 0, s.cols());
      Tensor lp = d.logProb(few);
      assertEquals(3 * r, lp.rows());
      assertEquals(eventCols == 1 ? cols : 1, lp.cols());
      for (int p = 0; p < 3; p++) {
        for (int i = 0; i < r; i++) {
          Distribution single = makeDistribution(stacked(cs.subList(i, i + 1), 3));
          Tensor one = single.logProb(few.slice(p * r + i, p * r + i + 1, 0, few.cols()));
          for (int j = 0; j < lp.cols(); j++) {
            assertClose(one.get(0, j), lp.get(p * r + i, j), 1e-14, "particle " + p + " row " + i);
          }
        }
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> d.logProb(s.slice(0, 3, 0, s.cols())));
      assertTrue(e.getMessage().contains(d.name()), e.getMessage());
    }
  }

  @Test
  void nonPositiveParticleCountIsRefused() {
    Distribution d = make(cases().get(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.sample(Rng.seeded(1), 0));
    assertTrue(e.getMessage().contains(d.name()) && e.getMessage().contains("particles"));
    if (d.hasRsample()) {
      assertThrows(IllegalArgumentException.class, () -> d.rsample(Rng.seeded(1), -1));
    }
  }
}
