package org.vi4j.core.math;

import java.util.Arrays;

/**
 * Matching fitted components to true ones, as topic and factor recovery figures need it: the
 * cosine similarity of two vectors and the one-to-one assignment maximising a total score.
 *
 * <pre>{@code
 * double[][] score = new double[trueK][fittedK];          // e.g. score[i][j] = cosine(truth[i], fit[j])
 * int[] match = Matching.maximumAssignment(score);         // match[i] = the column paired with row i
 * }</pre>
 *
 * <p><strong>Contract.</strong> {@link #maximumAssignment} needs at least one row, rows ≤ columns,
 * every row of the same length and finite scores; it returns distinct columns, one per row, whose
 * total score is the largest possible (ties broken by the algorithm's order, deterministically).
 */
public final class Matching {

  private Matching() {}

  /** a·b / (|a| |b|); 0 if either is the zero vector. Not modified. */
  public static double cosine(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("cosine: vectors of length " + a.length + " and "
          + b.length);
    }
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
  }

  /**
   * The assignment of rows to distinct columns maximising the total score: the Hungarian algorithm
   * with potentials (Kuhn 1955, Munkres 1957), in the O(n²m) shortest-augmenting-path form
   * (Jonker &amp; Volgenant 1987) on the cost −score.
   *
   * @param score n x m, 1 ≤ n ≤ m; not modified
   * @return assignment[row] = column
   * @throws IllegalArgumentException if there are no rows, more rows than columns, ragged rows or a
   *     non-finite score
   */
  public static int[] maximumAssignment(double[][] score) {
    int n = score.length;
    if (n == 0 || score[0].length < n) {
      throw new IllegalArgumentException("maximumAssignment: needs 1 <= rows <= columns, got "
          + n + " x " + (n == 0 ? 0 : score[0].length));
    }
    int m = score[0].length;
    for (int i = 0; i < n; i++) {
      if (score[i].length != m) {
        throw new IllegalArgumentException("maximumAssignment: row " + i + " has "
            + score[i].length + " scores, row 0 has " + m);
      }
      for (double s : score[i]) {
        if (!Double.isFinite(s)) {
          throw new IllegalArgumentException("maximumAssignment: row " + i + " has score " + s);
        }
      }
    }
    // 1-based arrays as in the classic formulation; p[j] = the row assigned to column j (0: none)
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1];
    int[] way = new int[m + 1];
    double[] minv = new double[m + 1];
    boolean[] used = new boolean[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = -1;
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double cur = -score[i0 - 1][j - 1] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] assignment = new int[n];
    for (int j = 1; j <= m; j++) {
      if (p[j] != 0) {
        assignment[p[j] - 1] = j - 1;
      }
    }
    return assignment;
  }
}
