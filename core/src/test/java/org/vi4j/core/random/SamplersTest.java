package org.vi4j.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vi4j.core.random.StatChecks.assertChiSquare;
import static org.vi4j.core.random.StatChecks.assertKs;
import static org.vi4j.core.random.StatChecks.assertMoments;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * Distribution checks for {@link Samplers} at fixed seeds: for each sampler the mean and variance
 * (within {@value StatChecks#Z} standard errors, computed from the known kurtosis) and a
 * Kolmogorov–Smirnov test (continuous, √n·D &lt; {@value StatChecks#KS_CRITICAL}) or a Pearson χ²
 * test (discrete, p = 0.001 critical value); see {@link StatChecks} for the thresholds. Each check
 * uses n = {@value #N} draws unless stated (Dirichlet: {@value #N_DIRICHLET}).
 */
class SamplersTest extends Vi4jTestBase {

  private static final int N = 50_000;

  /** Draws for the Dirichlet test. */
  private static final int N_DIRICHLET = 30_000;

  private static double[] draw(long seed, ToDoubleFunction<Rng> sampler) {
    Rng rng = Rng.seeded(seed);
    double[] xs = new double[N];
    for (int i = 0; i < N; i++) {
      xs[i] = sampler.applyAsDouble(rng);
    }
    return xs;
  }

  private static long[] counts(long seed, int cells, ToIntFunction<Rng> sampler) {
    Rng rng = Rng.seeded(seed);
    long[] counts = new long[cells];
    for (int i = 0; i < N; i++) {
      int k = sampler.applyAsInt(rng);
      assertTrue(k >= 0 && k < cells, "draw " + k + " outside [0, " + cells + ")");
      counts[k]++;
    }
    return counts;
  }

  /** Mean, variance and excess kurtosis of a pmf on 0..n−1. */
  private static double[] discreteMoments(double[] pmf) {
    double mean = 0;
    for (int k = 0; k < pmf.length; k++) {
      mean += k * pmf[k];
    }
    double m2 = 0;
    double m4 = 0;
    for (int k = 0; k < pmf.length; k++) {
      double d = k - mean;
      m2 += d * d * pmf[k];
      m4 += d * d * d * d * pmf[k];
    }
    return new double[] {mean, m2, m4 / (m2 * m2) - 3};
  }

  /** The counts as N draws of the index, for the moment check. */
  private static double[] expand(long[] counts) {
    double[] xs = new double[N];
    int j = 0;
    for (int k = 0; k < counts.length; k++) {
      for (long c = 0; c < counts[k]; c++) {
        xs[j++] = k;
      }
    }
    return xs;
  }

  // ---------------------------------------------------------------------------------------------
  // Continuous

  @Test
  void standardNormal() {
    double[] xs = draw(11, Samplers::standardNormal);
    assertMoments("normal", xs, 0, 1, 0);
    assertKs("normal", xs, SpecialFunctions::normalCdf);
  }

  @Test
  void exponential() {
    double rate = 2.5;
    double[] xs = draw(12, rng -> Samplers.exponential(rng, rate));
    assertMoments("exponential", xs, 1 / rate, 1 / (rate * rate), 6);
    assertKs("exponential", xs, x -> -Math.expm1(-rate * x));
  }

  @ParameterizedTest(name = "shape {0}")
  @ValueSource(doubles = {0.1, 0.5, 1, 3.7, 100})
  void gamma(double shape) {
    double rate = 2;
    double[] xs = draw(13 + (long) (shape * 10), rng -> Samplers.gamma(rng, shape, rate));
    assertMoments("gamma(" + shape + ")", xs, shape / rate, shape / (rate * rate), 6 / shape);
    assertKs("gamma(" + shape + ")", xs, x -> SpecialFunctions.regularizedGammaP(shape, rate * x));
  }

  @ParameterizedTest(name = "shape {0}")
  @ValueSource(doubles = {0.05, 0.5, 3.7})
  void logGammaVariate(double shape) {
    double rate = 3;
    double[] xs = draw(14, rng -> Samplers.logGammaVariate(rng, shape, rate));
    // log X has mean ψ(a) − log rate and variance ψ′(a); its excess kurtosis ψ‴(a)/ψ′(a)² is
    // below 6 for every a (→ 6 as a → 0), so 6 gives a conservative standard error.
    assertMoments("logGamma(" + shape + ")", xs,
        SpecialFunctions.digamma(shape) - Math.log(rate), SpecialFunctions.trigamma(shape), 6);
    assertKs("logGamma(" + shape + ")", xs,
        t -> SpecialFunctions.regularizedGammaP(shape, rate * Math.exp(t)));
  }

  @ParameterizedTest(name = "Beta({0}, {1})")
  @CsvSource({"0.5, 0.5", "2, 5", "0.3, 4"})
  void beta(double a, double b) {
    double[] xs = draw(15, rng -> Samplers.beta(rng, a, b));
    double s = a + b;
    double var = a * b / (s * s * (s + 1));
    double kurt = 6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3));
    assertMoments("beta", xs, a / s, var, kurt);
    assertKs("beta", xs, x -> SpecialFunctions.regularizedBeta(x, a, b));
  }

  @ParameterizedTest(name = "alpha {0}")
  @ValueSource(strings = {"0.3 1 2.5", "2 3 4"})
  void dirichletMarginalsAreBeta(String alphaText) {
    String[] parts = alphaText.split(" ");
    double[] alpha = new double[parts.length];
    double total = 0;
    for (int i = 0; i < parts.length; i++) {
      alpha[i] = Double.parseDouble(parts[i]);
      total += alpha[i];
    }
    Rng rng = Rng.seeded(16);
    double[][] comps = new double[alpha.length][N_DIRICHLET];
    double[] out = new double[alpha.length];
    for (int n = 0; n < N_DIRICHLET; n++) {
      Samplers.dirichlet(rng, alpha, out);
      double sum = 0;
      for (int i = 0; i < out.length; i++) {
        comps[i][n] = out[i];
        sum += out[i];
      }
      assertEquals(1.0, sum, 1e-14, "draw " + n + " not on the simplex");
    }
    // Component i is Beta(α_i, α₀ − α_i): moments for each, KS for the first (the smallest α;
    // the beta CDF is the slow part of this test).
    for (int i = 0; i < alpha.length; i++) {
      double a = alpha[i];
      double b = total - a;
      double s = total;
      double var = a * b / (s * s * (s + 1));
      double kurt =
          6 * ((a - b) * (a - b) * (s + 1) - a * b * (s + 2)) / (a * b * (s + 2) * (s + 3));
      assertMoments("dirichlet[" + i + "]", comps[i], a / s, var, kurt);
      if (i == 0) {
        assertKs("dirichlet[0]", comps[0], x -> SpecialFunctions.regularizedBeta(x, a, b));
      }
    }
  }

  @Test
  void laplace() {
    double loc = 1;
    double scale = 2;
    double[] xs = draw(17, rng -> Samplers.laplace(rng, loc, scale));
    assertMoments("laplace", xs, loc, 2 * scale * scale, 3);
    DoubleUnaryOperator cdf = x -> x < loc
        ? 0.5 * Math.exp((x - loc) / scale)
        : 1 - 0.5 * Math.exp(-(x - loc) / scale);
    assertKs("laplace", xs, cdf);
  }

  // ---------------------------------------------------------------------------------------------
  // Discrete

  @ParameterizedTest(name = "mean {0}")
  @ValueSource(doubles = {0.5, 7, 40, 1e4})
  void poisson(double mean) {
    int cells = (int) (mean + 15 * Math.sqrt(mean) + 30);
    double[] pmf = new double[cells];
    for (int k = 0; k < cells; k++) {
      pmf[k] = Math.exp(k * Math.log(mean) - mean - SpecialFunctions.lgamma(k + 1.0));
    }
    long[] counts = counts(18, cells, rng -> Samplers.poisson(rng, mean));
    // Exact moments (the pmf truncated at mean + 15 sd + 30 misses < 1e-40 of the mass).
    assertMoments("poisson(" + mean + ")", expand(counts), mean, mean, 1 / mean);
    // Exact, not a normal approximation: at mean 1e4 this χ² has several hundred cells.
    assertChiSquare("poisson(" + mean + ")", counts, pmf, N);
  }

  @Test
  void poissonZeroMeanAndLimits() {
    Rng rng = Rng.seeded(19);
    assertEquals(0, Samplers.poisson(rng, 0));
    int k = Samplers.poisson(rng, Samplers.MAX_POISSON_MEAN);
    assertTrue(Math.abs(k - 1e9) < 10 * Math.sqrt(1e9), "poisson(1e9) gave " + k);
  }

  @Test
  void bernoulli() {
    double p = 0.3;
    long[] counts = counts(20, 2, rng -> Samplers.bernoulli(rng, p) ? 1 : 0);
    double[] pmf = {1 - p, p};
    double[] mom = discreteMoments(pmf);
    assertMoments("bernoulli", expand(counts), mom[0], mom[1], mom[2]);
    assertChiSquare("bernoulli", counts, pmf, N); // df 1, critical 10.83
    Rng rng = Rng.seeded(21);
    for (int i = 0; i < 1000; i++) {
      assertFalse(Samplers.bernoulli(rng, 0));
      assertTrue(Samplers.bernoulli(rng, 1));
    }
  }

  @Test
  void categorical() {
    double[] weights = {0.2, 0.4, 0, 0.8, 0.6}; // unnormalised, sum 2
    double[] pmf = {0.1, 0.2, 0, 0.4, 0.3};
    long[] counts = counts(22, weights.length, rng -> Samplers.categorical(rng, weights));
    assertEquals(0, counts[2], "zero-weight index drawn");
    double[] mom = discreteMoments(pmf);
    assertMoments("categorical", expand(counts), mom[0], mom[1], mom[2]);
    assertChiSquare("categorical", counts, pmf, N); // 4 cells, df 3, critical 16.27
  }

  @Test
  void categoricalFromLogits() {
    double[] pmf = {0.1, 0.2, 0, 0.4, 0.3};
    double[] logits = new double[pmf.length];
    for (int i = 0; i < pmf.length; i++) {
      logits[i] = Math.log(pmf[i]) + 1000; // shift: must not overflow
    }
    long[] counts = counts(23, logits.length, rng -> Samplers.categoricalFromLogits(rng, logits));
    assertEquals(0, counts[2], "-Infinity logit drawn");
    double[] mom = discreteMoments(pmf);
    assertMoments("categoricalFromLogits", expand(counts), mom[0], mom[1], mom[2]);
    assertChiSquare("categoricalFromLogits", counts, pmf, N);
  }

  @Test
  void categoricalSingleCategory() {
    Rng rng = Rng.seeded(24);
    assertEquals(0, Samplers.categorical(rng, new double[] {3}));
    assertEquals(1, Samplers.categorical(rng, new double[] {0, 3, 0}));
    assertEquals(2, Samplers.categoricalFromLogits(rng,
        new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, -5}));
  }

  // ---------------------------------------------------------------------------------------------
  // Tiny shapes, validation, allocation

  @Test
  void tinyShapesStayFiniteAndInRange() {
    Rng rng = Rng.seeded(25);
    double shape = 1e-3;
    double sumLog = 0;
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      double g = Samplers.gamma(rng, shape, 1);
      assertTrue(g >= 0 && g < Double.POSITIVE_INFINITY, "gamma(1e-3) gave " + g);
      double lg = Samplers.logGammaVariate(rng, shape, 1);
      assertTrue(Double.isFinite(lg), "logGammaVariate(1e-3) gave " + lg);
      sumLog += lg;
      double b = Samplers.beta(rng, shape, shape);
      assertTrue(b >= 0 && b <= 1, "beta(1e-3, 1e-3) gave " + b);
    }
    // E[log X] = ψ(1e-3) ≈ −1000.42, sd √ψ′(1e-3) ≈ 1000.
    double se = Math.sqrt(SpecialFunctions.trigamma(shape) / n);
    assertEquals(SpecialFunctions.digamma(shape), sumLog / n, 5 * se);
    double[] out = new double[3];
    for (int i = 0; i < 1000; i++) {
      Samplers.dirichlet(rng, new double[] {1e-3, 1e-3, 1e-3}, out);
      assertEquals(1.0, out[0] + out[1] + out[2], 1e-14);
    }
  }

  @Test
  void dirichletMayWriteIntoAlpha() {
    double[] a = {0.5, 2, 3};
    double[] expected = new double[3];
    Samplers.dirichlet(Rng.seeded(26), a.clone(), expected);
    Samplers.dirichlet(Rng.seeded(26), a, a);
    assertEquals(expected[0], a[0], 0.0);
    assertEquals(expected[2], a[2], 0.0);
  }

  @Test
  void invalidParametersThrowNamingSamplerParameterAndValue() {
    Rng rng = Rng.seeded(27);
    assertRejects("exponential: rate", "NaN", () -> Samplers.exponential(rng, Double.NaN));
    assertRejects("exponential: rate", "0.0", () -> Samplers.exponential(rng, 0));
    assertRejects("gamma: shape", "NaN", () -> Samplers.gamma(rng, Double.NaN, 1));
    assertRejects("gamma: shape", "-1.0", () -> Samplers.gamma(rng, -1, 1));
    assertRejects("gamma: shape", "Infinity",
        () -> Samplers.gamma(rng, Double.POSITIVE_INFINITY, 1));
    assertRejects("gamma: rate", "0.0", () -> Samplers.gamma(rng, 1, 0));
    assertRejects("logGammaVariate: shape", "0.0", () -> Samplers.logGammaVariate(rng, 0, 1));
    assertRejects("beta: a", "NaN", () -> Samplers.beta(rng, Double.NaN, 1));
    assertRejects("beta: b", "-2.0", () -> Samplers.beta(rng, 1, -2));
    assertRejects("dirichlet: alpha[1]", "0.0",
        () -> Samplers.dirichlet(rng, new double[] {1, 0}, new double[2]));
    assertRejects("dirichlet: out has length 3", "length 2",
        () -> Samplers.dirichlet(rng, new double[] {1, 1}, new double[3]));
    assertRejects("dirichlet: alpha", "at least one",
        () -> Samplers.dirichlet(rng, new double[0], new double[0]));
    assertRejects("poisson: mean", "-1.0", () -> Samplers.poisson(rng, -1));
    assertRejects("poisson: mean", "NaN", () -> Samplers.poisson(rng, Double.NaN));
    assertRejects("poisson: mean", "2.0E9", () -> Samplers.poisson(rng, 2e9));
    assertRejects("bernoulli: p", "1.5", () -> Samplers.bernoulli(rng, 1.5));
    assertRejects("bernoulli: p", "NaN", () -> Samplers.bernoulli(rng, Double.NaN));
    assertRejects("categorical: probs[1]", "-0.5",
        () -> Samplers.categorical(rng, new double[] {1, -0.5}));
    assertRejects("categorical: probs[0]", "NaN",
        () -> Samplers.categorical(rng, new double[] {Double.NaN}));
    assertRejects("categorical: probs", "sum",
        () -> Samplers.categorical(rng, new double[] {0, 0}));
    assertRejects("categorical: probs", "sum", () -> Samplers.categorical(rng, new double[0]));
    assertRejects("categoricalFromLogits: logits[0]", "NaN",
        () -> Samplers.categoricalFromLogits(rng, new double[] {Double.NaN}));
    assertRejects("categoricalFromLogits: logits[1]", "Infinity",
        () -> Samplers.categoricalFromLogits(rng, new double[] {0, Double.POSITIVE_INFINITY}));
    assertRejects("categoricalFromLogits: logits", "finite",
        () -> Samplers.categoricalFromLogits(rng, new double[] {Double.NEGATIVE_INFINITY}));
    assertRejects("laplace: scale", "0.0", () -> Samplers.laplace(rng, 0, 0));
    assertRejects("laplace: loc", "NaN", () -> Samplers.laplace(rng, Double.NaN, 1));
  }

  private static void assertRejects(String prefix, String mentions, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(prefix) && e.getMessage().contains(mentions),
        () -> "message '" + e.getMessage() + "' should start with '" + prefix
            + "' and mention '" + mentions + "'");
  }

  @Test
  void hotSamplersDoNotAllocatePerDraw() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    Rng rng = Rng.seeded(28);
    double[] alpha = {0.5, 2, 3};
    double[] out = new double[3];
    double[] probs = {0.1, 0.2, 0.7};
    double sink = 0;
    long before = 0;
    for (int round = 0; round < 2; round++) { // round 0 warms up (class loading, JIT)
      if (round == 1) {
        before = threads.getThreadAllocatedBytes(tid);
      }
      for (int i = 0; i < 20_000; i++) {
        sink += Samplers.standardNormal(rng) + Samplers.exponential(rng, 2)
            + Samplers.gamma(rng, 0.5, 1) + Samplers.gamma(rng, 3, 1)
            + Samplers.beta(rng, 0.5, 2) + Samplers.laplace(rng, 0, 1)
            + Samplers.categorical(rng, probs) + (Samplers.bernoulli(rng, 0.5) ? 1 : 0)
            + rng.nextDouble() + rng.nextOpenDouble() + rng.nextInt(10);
        Samplers.dirichlet(rng, alpha, out);
      }
    }
    long bytes = threads.getThreadAllocatedBytes(tid) - before;
    assertTrue(Double.isFinite(sink));
    // 20 000 rounds of 12 draws: anything per draw would be megabytes; allow a little noise.
    assertTrue(bytes < 64 * 1024, "samplers allocated " + bytes + " bytes in 240 000 draws");
  }
}
