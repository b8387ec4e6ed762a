package org.vi4j.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vi4j.core.random.StatChecks.assertChiSquare;
import static org.vi4j.core.random.StatChecks.assertKs;
import static org.vi4j.core.random.StatChecks.assertMoments;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.testing.Vi4jTestBase;

/** Determinism, splitting, save/restore and the uniform outputs of {@link Rng#seeded(long)}. */
class RngTest extends Vi4jTestBase {

  /** 1000 values mixing every kind of draw, encoded as bits so equality is exact. */
  private static long[] mixedStream(Rng rng, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = switch (i % 6) {
        case 0 -> rng.nextLong();
        case 1 -> Double.doubleToRawLongBits(rng.nextDouble());
        case 2 -> Double.doubleToRawLongBits(rng.nextOpenDouble());
        case 3 -> rng.nextInt(1 + i);
        case 4 -> Double.doubleToRawLongBits(rng.nextGaussian());
        default -> Double.doubleToRawLongBits(rng.nextExponential());
      };
    }
    return out;
  }

  @Test
  void sameSeedSameStream() {
    assertArrayEquals(mixedStream(Rng.seeded(42), 1000), mixedStream(Rng.seeded(42), 1000));
    assertFalse(
        Arrays.equals(mixedStream(Rng.seeded(42), 1000), mixedStream(Rng.seeded(43), 1000)));
  }

  @Test
  void streamIsStableAcrossRunsAndVersions() {
    // Golden values for seed 42 (Commons RNG 1.6 L64_X128_MIX, long seed expanded by SplitMix64).
    // If this fails, results published with vi4j are no longer reproducible: say so in the notes.
    Rng rng = Rng.seeded(42);
    assertEquals(GOLDEN_0, rng.nextLong());
    assertEquals(GOLDEN_1, rng.nextLong());
    assertEquals(GOLDEN_2, rng.nextLong());
  }

  private static final long GOLDEN_0 = 8815551698610864235L;
  private static final long GOLDEN_1 = 9070471391076805196L;
  private static final long GOLDEN_2 = 2775185992286847174L;

  @Test
  void splitStreamsDifferAndAreReproducible() {
    Rng parent = Rng.seeded(7);
    Rng a = parent.split();
    Rng b = parent.split();
    long[] pa = mixedStream(parent, 1000);
    long[] sa = mixedStream(a, 1000);
    long[] sb = mixedStream(b, 1000);
    assertFalse(Arrays.equals(sa, sb));
    assertFalse(Arrays.equals(sa, pa));
    assertFalse(Arrays.equals(sb, pa));
    // Same seed, same sequence of splits → same child streams.
    Rng parent2 = Rng.seeded(7);
    assertArrayEquals(sa, mixedStream(parent2.split(), 1000));
    assertArrayEquals(sb, mixedStream(parent2.split(), 1000));
    assertArrayEquals(pa, mixedStream(parent2, 1000));
    // Splitting advances the parent.
    Rng fresh = Rng.seeded(7);
    Rng splitOnce = Rng.seeded(7);
    splitOnce.split();
    assertNotEquals(fresh.nextLong(), splitOnce.nextLong());
  }

  @Test
  void splitStreamsAreUncorrelated() {
    Rng parent = Rng.seeded(8);
    Rng a = parent.split();
    Rng b = parent.split();
    int n = 100_000;
    double sxy = 0;
    double sxp = 0;
    for (int i = 0; i < n; i++) {
      double x = a.nextGaussian();
      sxy += x * b.nextGaussian();
      sxp += x * parent.nextGaussian();
    }
    // Sample correlation of independent N(0,1) pairs has SE 1/√n; allow 5 SE.
    assertEquals(0, sxy / n, 5 / Math.sqrt(n));
    assertEquals(0, sxp / n, 5 / Math.sqrt(n));
  }

  @Test
  void saveStateRestoreResumesBitForBit() {
    Rng rng = Rng.seeded(99);
    mixedStream(rng, 517); // stop mid-way through gaussian/exponential draws
    byte[] state = rng.saveState();
    long[] first = mixedStream(rng, 1000);
    rng.restore(state);
    assertArrayEquals(first, mixedStream(rng, 1000));
    // Restoring into another generator continues the saved stream there too.
    Rng other = Rng.seeded(12345);
    other.nextGaussian();
    other.restore(state);
    assertArrayEquals(first, mixedStream(other, 1000));
    // The saved array is a copy: changing it does not touch the generator.
    byte[] again = rng.saveState();
    Arrays.fill(state, (byte) 0);
    long next = rng.nextLong();
    rng.restore(again);
    assertEquals(next, rng.nextLong());
  }

  @Test
  void restoreRejectsForeignState() {
    Rng rng = Rng.seeded(1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rng.restore(new byte[3]));
    assertTrue(e.getMessage().startsWith("Rng.restore:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> rng.restore(null));
  }

  @Test
  void uniformsAreUniform() {
    Rng rng = Rng.seeded(3);
    int n = 100_000;
    double[] u = new double[n];
    double[] open = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = rng.nextDouble();
      open[i] = rng.nextOpenDouble();
      assertTrue(u[i] >= 0 && u[i] < 1, "nextDouble " + u[i]);
      assertTrue(open[i] > 0 && open[i] < 1, "nextOpenDouble " + open[i]);
    }
    // U(0,1): mean 1/2, variance 1/12, excess kurtosis −6/5.
    assertMoments("nextDouble", u, 0.5, 1.0 / 12, -1.2);
    assertMoments("nextOpenDouble", open, 0.5, 1.0 / 12, -1.2);
    assertKs("nextDouble", u, x -> x);
    assertKs("nextOpenDouble", open, x -> x);
  }

  @Test
  void nextIntIsUniformAndChecked() {
    Rng rng = Rng.seeded(4);
    int k = 7;
    long[] counts = new long[k];
    int n = 70_000;
    for (int i = 0; i < n; i++) {
      counts[rng.nextInt(k)]++;
    }
    double[] p = new double[k];
    Arrays.fill(p, 1.0 / k);
    assertChiSquare("nextInt(7)", counts, p, n); // df 6, critical 22.46
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rng.nextInt(0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }

  @Test
  void gaussianAndExponentialDraws() {
    Rng rng = Rng.seeded(5);
    int n = 100_000;
    double[] z = new double[n];
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = rng.nextGaussian();
      e[i] = rng.nextExponential();
    }
    assertMoments("nextGaussian", z, 0, 1, 0);
    assertMoments("nextExponential", e, 1, 1, 6);
    assertKs("nextGaussian", z, SpecialFunctions::normalCdf);
    assertKs("nextExponential", e, x -> -Math.expm1(-x));
  }
}
