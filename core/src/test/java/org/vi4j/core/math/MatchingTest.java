package org.vi4j.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;

class MatchingTest extends Vi4jTestBase {

  /** The best total over all injective maps rows → columns, by brute force. */
  private static double bruteForce(double[][] s, int row, boolean[] used) {
    if (row == s.length) {
      return 0;
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < s[0].length; j++) {
      if (!used[j]) {
        used[j] = true;
        best = Math.max(best, s[row][j] + bruteForce(s, row + 1, used));
        used[j] = false;
      }
    }
    return best;
  }

  @Test
  void maximumAssignmentFindsTheBestAssignment() {
    for (int trial = 0; trial < 30; trial++) {
      int n = 1 + rand.nextInt(6);
      int m = n + rand.nextInt(3);
      double[][] s = new double[n][m];
      for (double[] row : s) {
        for (int j = 0; j < m; j++) {
          row[j] = rand.nextDouble() - 0.3;
        }
      }
      int[] a = Matching.maximumAssignment(s);
      double total = 0;
      boolean[] seen = new boolean[m];
      for (int i = 0; i < n; i++) {
        assertTrue(!seen[a[i]], "distinct columns");
        seen[a[i]] = true;
        total += s[i][a[i]];
      }
      assertEquals(bruteForce(s, 0, new boolean[m]), total, 1e-12, "trial " + trial);
    }
  }

  @Test
  void badShapesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Matching.maximumAssignment(new double[0][]));
    assertThrows(IllegalArgumentException.class,
        () -> Matching.maximumAssignment(new double[][] {{1}, {2}}));
    assertThrows(IllegalArgumentException.class,
        () -> Matching.maximumAssignment(new double[][] {{1, 2}, {2}}));
    assertThrows(IllegalArgumentException.class,
        () -> Matching.maximumAssignment(new double[][] {{1, Double.NaN}}));
  }

  @Test
  void cosineIsScaleFreeAndZeroForTheZeroVector() {
    assertEquals(1.0, Matching.cosine(new double[] {1, 2}, new double[] {3, 6}), 1e-15);
    assertEquals(0.0, Matching.cosine(new double[] {1, 0}, new double[] {0, 5}));
    assertEquals(-1.0, Matching.cosine(new double[] {1, 1}, new double[] {-2, -2}), 1e-15);
    assertEquals(0.0, Matching.cosine(new double[] {0, 0}, new double[] {1, 1}));
  }
}
