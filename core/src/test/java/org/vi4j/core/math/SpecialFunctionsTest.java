package org.vi4j.core.math;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * Accuracy and domain conventions of {@link SpecialFunctions}.
 *
 * <p>The reference values in {@code special-functions-reference.csv} (next to this class in the
 * test resources) were computed with mpmath 1.3 at 60 significant digits by
 * {@code generate_special_functions_reference.py} in the same folder; rerun that script to add
 * points. Each row is {@code function,arg...,expected}, the arguments written as exact doubles.
 *
 * <p>Criterion: relative error below {@value #TOLERANCE}. Where the true value rounds to zero in
 * double (for example Φ(−40) ≈ 3.7e-350, log Φ(40), log1mexp(800)) the result must be exactly ±0;
 * rows whose true value is subnormal are not generated (relative error means nothing there).
 */
class SpecialFunctionsTest extends Vi4jTestBase {

  private static final double TOLERANCE = 1e-12;

  private static final String REFERENCE = "special-functions-reference.csv";

  private static final Map<String, ToDoubleFunction<double[]>> FUNCTIONS = Map.ofEntries(
      Map.entry("lgamma", a -> SpecialFunctions.lgamma(a[0])),
      Map.entry("digamma", a -> SpecialFunctions.digamma(a[0])),
      Map.entry("trigamma", a -> SpecialFunctions.trigamma(a[0])),
      Map.entry("log1pexp", a -> SpecialFunctions.log1pexp(a[0])),
      Map.entry("log1mexp", a -> SpecialFunctions.log1mexp(a[0])),
      Map.entry("logSumExp", a -> SpecialFunctions.logSumExp(a[0], a[1])),
      Map.entry("erf", a -> SpecialFunctions.erf(a[0])),
      Map.entry("erfc", a -> SpecialFunctions.erfc(a[0])),
      Map.entry("normalCdf", a -> SpecialFunctions.normalCdf(a[0])),
      Map.entry("logNormalCdf", a -> SpecialFunctions.logNormalCdf(a[0])),
      Map.entry("inverseNormalCdf", a -> SpecialFunctions.inverseNormalCdf(a[0])),
      Map.entry("regularizedGammaP", a -> SpecialFunctions.regularizedGammaP(a[0], a[1])),
      Map.entry("regularizedGammaQ", a -> SpecialFunctions.regularizedGammaQ(a[0], a[1])),
      Map.entry("regularizedBeta", a -> SpecialFunctions.regularizedBeta(a[0], a[1], a[2])),
      Map.entry("logBeta", a -> SpecialFunctions.logBeta(a[0], a[1])));

  /** One reference row. */
  private record Row(String function, double[] args, double expected, String line) {}

  private static List<Row> rows() {
    InputStream in = SpecialFunctionsTest.class.getResourceAsStream(REFERENCE);
    assertNotNull(in, "missing test resource " + REFERENCE);
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",");
        double[] args = new double[f.length - 2];
        for (int i = 0; i < args.length; i++) {
          args[i] = Double.parseDouble(f[i + 1]);
        }
        rows.add(new Row(f[0], args, Double.parseDouble(f[f.length - 1]), line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  @Test
  void matchesMpmathReference() {
    // One test over all rows (assertAll reports every failing row, not just the first).
    assertAll(rows().stream().map(row -> () -> checkRow(row)));
  }

  private static void checkRow(Row row) {
    ToDoubleFunction<double[]> f = FUNCTIONS.get(row.function());
    assertNotNull(f, "no function under test named " + row.function());
    double actual = f.applyAsDouble(row.args());
    double expected = row.expected();
    if (expected == 0 || Double.isInfinite(expected)) {
      assertEquals(expected, actual, 0.0, row.line());
    } else {
      double rel = Math.abs(actual - expected) / Math.abs(expected);
      assertTrue(rel < TOLERANCE,
          () -> row.line() + ": got " + actual + ", relative error " + rel);
    }
  }

  @Test
  void referenceCoversEveryFunction() {
    Map<String, Long> counts = rows().stream()
        .collect(Collectors.groupingBy(Row::function, TreeMap::new, Collectors.counting()));
    assertEquals(new TreeMap<>(FUNCTIONS).keySet(), counts.keySet());
    counts.forEach((fn, n) -> assertTrue(n >= 5, fn + " has only " + n + " reference points"));
  }

  @Test
  void requiredSpotValues() {
    // Values the brief pins down explicitly (also in the CSV).
    assertEquals(-804.6084420137538, SpecialFunctions.logNormalCdf(-40), 1e-12 * 804.6);
    assertEquals(-1.959963984540054, SpecialFunctions.inverseNormalCdf(0.025), 1e-15);
    assertEquals(0.0, SpecialFunctions.digamma(1.4616321449683622), 1e-16);
  }

  @Test
  void gammaFamilyPolesAndSpecialValues() {
    assertEquals(0.0, SpecialFunctions.lgamma(1), 0.0);
    assertEquals(0.0, SpecialFunctions.lgamma(2), 0.0);
    for (double pole : new double[] {0.0, -0.0, -1, -2, -1e20, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY}) {
      assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.lgamma(pole), "lgamma(" + pole + ")");
    }
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.digamma(0.0));
    assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.digamma(-0.0));
    assertEquals(Double.NaN, SpecialFunctions.digamma(-3));
    assertEquals(Double.NaN, SpecialFunctions.digamma(Double.NEGATIVE_INFINITY));
    assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.digamma(Double.POSITIVE_INFINITY));
    assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.trigamma(0.0));
    assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.trigamma(-4));
    assertEquals(0.0, SpecialFunctions.trigamma(Double.POSITIVE_INFINITY));
    // -γ and π²/6 at 1.
    assertEquals(-0.5772156649015329, SpecialFunctions.digamma(1), 1e-14 * 0.5773);
    assertEquals(Math.PI * Math.PI / 6, SpecialFunctions.trigamma(1), 2e-16);
  }

  @Test
  void nanInNanOut() {
    double nan = Double.NaN;
    assertEquals(nan, SpecialFunctions.lgamma(nan));
    assertEquals(nan, SpecialFunctions.digamma(nan));
    assertEquals(nan, SpecialFunctions.trigamma(nan));
    assertEquals(nan, SpecialFunctions.log1pexp(nan));
    assertEquals(nan, SpecialFunctions.log1mexp(nan));
    assertEquals(nan, SpecialFunctions.logSumExp(nan, 1));
    assertEquals(nan, SpecialFunctions.logSumExp(1, nan));
    assertEquals(nan, SpecialFunctions.logSumExp(new double[] {1, nan, 2}, 0, 3));
    assertEquals(nan, SpecialFunctions.erf(nan));
    assertEquals(nan, SpecialFunctions.erfc(nan));
    assertEquals(nan, SpecialFunctions.normalCdf(nan));
    assertEquals(nan, SpecialFunctions.logNormalCdf(nan));
    assertEquals(nan, SpecialFunctions.inverseNormalCdf(nan));
    assertEquals(nan, SpecialFunctions.regularizedGammaP(nan, 1));
    assertEquals(nan, SpecialFunctions.regularizedGammaQ(1, nan));
    assertEquals(nan, SpecialFunctions.regularizedBeta(0.5, nan, 1));
    assertEquals(nan, SpecialFunctions.logBeta(1, nan));
  }

  @Test
  void outOfDomainGivesNaNNotException() {
    assertEquals(Double.NaN, SpecialFunctions.log1mexp(-1));
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.log1mexp(0));
    assertEquals(Double.NaN, SpecialFunctions.inverseNormalCdf(-0.1));
    assertEquals(Double.NaN, SpecialFunctions.inverseNormalCdf(1.1));
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.inverseNormalCdf(0));
    assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.inverseNormalCdf(1));
    assertEquals(Double.NaN, SpecialFunctions.regularizedGammaP(0, 1));
    assertEquals(Double.NaN, SpecialFunctions.regularizedGammaP(1, -1));
    assertEquals(Double.NaN, SpecialFunctions.regularizedGammaQ(-1, 1));
    assertEquals(1.0, SpecialFunctions.regularizedGammaP(2, Double.POSITIVE_INFINITY));
    assertEquals(0.0, SpecialFunctions.regularizedGammaQ(2, Double.POSITIVE_INFINITY));
    assertEquals(Double.NaN, SpecialFunctions.regularizedBeta(1.5, 1, 1));
    assertEquals(Double.NaN, SpecialFunctions.regularizedBeta(0.5, 0, 1));
    assertEquals(0.0, SpecialFunctions.regularizedBeta(0, 2, 3));
    assertEquals(1.0, SpecialFunctions.regularizedBeta(1, 2, 3));
    assertEquals(Double.NaN, SpecialFunctions.logBeta(-1, 1));
  }

  @Test
  void normalTailsAtInfinity() {
    assertEquals(0.0, SpecialFunctions.normalCdf(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, SpecialFunctions.normalCdf(Double.POSITIVE_INFINITY));
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logNormalCdf(Double.NEGATIVE_INFINITY));
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logNormalCdf(-1e200));
    assertEquals(0.0, SpecialFunctions.logNormalCdf(Double.POSITIVE_INFINITY), 0.0);
    assertEquals(-1.0, SpecialFunctions.erf(Double.NEGATIVE_INFINITY));
    assertEquals(2.0, SpecialFunctions.erfc(Double.NEGATIVE_INFINITY));
    // Round trip through the quantile, far into the lower tail.
    for (double p : new double[] {1e-300, 1e-200, 1e-50, 1e-8, 0.2, 0.5, 0.8}) {
      double x = SpecialFunctions.inverseNormalCdf(p);
      assertEquals(Math.log(p), SpecialFunctions.logNormalCdf(x), 1e-13 * Math.abs(Math.log(p)),
          "p = " + p);
    }
  }

  @Test
  void log1pexpAndLogSumExpEdgeCases() {
    assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.log1pexp(Double.POSITIVE_INFINITY));
    assertEquals(0.0, SpecialFunctions.log1pexp(Double.NEGATIVE_INFINITY));
    assertEquals(Double.NEGATIVE_INFINITY,
        SpecialFunctions.logSumExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY));
    assertEquals(Double.POSITIVE_INFINITY,
        SpecialFunctions.logSumExp(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
    assertEquals(3.0, SpecialFunctions.logSumExp(Double.NEGATIVE_INFINITY, 3), 0.0);
  }

  @Test
  void logSumExpOverArrayRange() {
    double[] x = {99, 1, 2, 3, 99};
    // log(e¹ + e² + e³) = 3 + log(1 + e⁻¹ + e⁻²)
    double expected = 3 + Math.log1p(Math.exp(-1) + Math.exp(-2));
    assertEquals(expected, SpecialFunctions.logSumExp(x, 1, 4), 1e-15 * expected);
    assertEquals(2.0, SpecialFunctions.logSumExp(x, 2, 3), 0.0);
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logSumExp(x, 2, 2));
    double[] big = {1000, 1000, 1000, 1000};
    assertEquals(1000 + Math.log(4), SpecialFunctions.logSumExp(big, 0, 4), 1e-15 * 1000);
    double[] tiny = {-1000, -1e300, Double.NEGATIVE_INFINITY};
    assertEquals(-1000.0, SpecialFunctions.logSumExp(tiny, 0, 3), 0.0);
    double[] allNegInf = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logSumExp(allNegInf, 0, 2));
    double[] withInf = {1, Double.POSITIVE_INFINITY};
    assertEquals(Double.POSITIVE_INFINITY, SpecialFunctions.logSumExp(withInf, 0, 2));
    // The largest term is not rounded into the sum: log(1 + 1e-20) in units of the max.
    double[] dominated = {0, -46.0517018598809137};
    assertEquals(1e-20, SpecialFunctions.logSumExp(dominated, 0, 2), 1e-33);
    assertThrows(IndexOutOfBoundsException.class, () -> SpecialFunctions.logSumExp(x, 3, 6));
    assertThrows(IndexOutOfBoundsException.class, () -> SpecialFunctions.logSumExp(x, 3, 2));
  }

  @Test
  void negativeArgumentsFollowReflection() {
    // Γ(−0.5) = −2√π, so log|Γ(−0.5)| = log(2√π).
    assertEquals(Math.log(2 * Math.sqrt(Math.PI)), SpecialFunctions.lgamma(-0.5), 1e-15);
    // ψ(1 − x) − ψ(x) = π cot(πx) and ψ′(1 − x) + ψ′(x) = π² / sin²(πx) at x = −2.3.
    double x = -2.3;
    assertEquals(Math.PI / Math.tan(Math.PI * x),
        SpecialFunctions.digamma(1 - x) - SpecialFunctions.digamma(x), 1e-13);
    double s = Math.sin(Math.PI * x);
    assertEquals(Math.PI * Math.PI / (s * s),
        SpecialFunctions.trigamma(1 - x) + SpecialFunctions.trigamma(x), 1e-13);
  }

  @Test
  void digammaIsDerivativeOfLgammaAndTrigammaOfDigamma() {
    // Consistency between the three (independent code paths) by central differences.
    for (double x : new double[] {0.3, 1.4616321449683622, 2.5, 11.9, 12.1, 50}) {
      double h = 1e-5 * Math.max(1, x);
      double dl = (SpecialFunctions.lgamma(x + h) - SpecialFunctions.lgamma(x - h)) / (2 * h);
      double dd = (SpecialFunctions.digamma(x + h) - SpecialFunctions.digamma(x - h)) / (2 * h);
      // Truncation error of the central difference is about h²·f‴/6, below 1e-7 relative here.
      double psi = SpecialFunctions.digamma(x);
      double psi1 = SpecialFunctions.trigamma(x);
      assertEquals(psi, dl, 1e-7 * Math.max(1, Math.abs(psi)), "digamma vs lgamma' at " + x);
      assertEquals(psi1, dd, 1e-7 * Math.max(1, psi1), "trigamma vs digamma' at " + x);
    }
  }
}
