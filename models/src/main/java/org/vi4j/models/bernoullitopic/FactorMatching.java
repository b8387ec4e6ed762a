package org.vi4j.models.bernoullitopic;

import java.util.Arrays;
import org.vi4j.core.math.Matching;

/**
 * Matches fitted factors to true ones by the cosine similarity of their word-weight vectors: each
 * vector is first centred (its mean over the words subtracted, since softmax ignores a constant
 * added to every word's log-weight, so only the centred vector is identified), then the one-to-one
 * assignment with the largest total cosine is found (the Hungarian algorithm, Kuhn 1955; Munkres
 * 1957), and the matched cosines are reported.
 *
 * <pre>{@code
 * FactorMatching.Result r = FactorMatching.match(model.factorEffects(), data.weights());
 * r.meanCosine();          // mean over the min(K_fitted, K_true) matched pairs
 * r.truthOf()[j];          // the true factor matched to fitted factor j, or -1
 * }</pre>
 */
public final class FactorMatching {

  private FactorMatching() {}

  /**
   * The optimal matching.
   *
   * @param truthOf for each fitted factor, the index of its true factor, or −1 if unmatched
   * @param cosine for each fitted factor, the centred cosine with its match (NaN if unmatched)
   * @param meanCosine the mean over the matched pairs
   */
  public record Result(int[] truthOf, double[] cosine, double meanCosine) {

    /** Copies the arrays. */
    public Result {
      truthOf = truthOf.clone();
      cosine = cosine.clone();
    }

    @Override
    public int[] truthOf() {
      return truthOf.clone();
    }

    @Override
    public double[] cosine() {
      return cosine.clone();
    }
  }

  /**
   * Matches the rows of {@code fitted} (K x V) to the rows of {@code truth} (K' x V).
   *
   * @throws IllegalArgumentException if the rows do not all have the same length or one is empty
   */
  public static Result match(double[][] fitted, double[][] truth) {
    if (fitted.length == 0 || truth.length == 0) {
      throw new IllegalArgumentException("FactorMatching: needs at least one fitted and one true "
          + "factor, got " + fitted.length + " and " + truth.length);
    }
    int v = fitted[0].length;
    double[][] f = centred(fitted, v, "fitted");
    double[][] t = centred(truth, v, "true");
    double[][] cos = new double[f.length][t.length];
    for (int i = 0; i < f.length; i++) {
      for (int j = 0; j < t.length; j++) {
        cos[i][j] = Matching.cosine(f[i], t[j]);
      }
    }
    int[] truthOf = new int[f.length];
    Arrays.fill(truthOf, -1);
    if (f.length <= t.length) {
      int[] a = Matching.maximumAssignment(cos);
      System.arraycopy(a, 0, truthOf, 0, f.length);
    } else {
      double[][] byTruth = new double[t.length][f.length];
      for (int i = 0; i < f.length; i++) {
        for (int j = 0; j < t.length; j++) {
          byTruth[j][i] = cos[i][j];
        }
      }
      int[] a = Matching.maximumAssignment(byTruth);    // a[j]: fitted factor of true factor j
      for (int j = 0; j < t.length; j++) {
        truthOf[a[j]] = j;
      }
    }
    double[] c = new double[f.length];
    double sum = 0;
    int n = 0;
    for (int i = 0; i < f.length; i++) {
      if (truthOf[i] >= 0) {
        c[i] = cos[i][truthOf[i]];
        sum += c[i];
        n++;
      } else {
        c[i] = Double.NaN;
      }
    }
    return new Result(truthOf, c, sum / n);
  }

  private static double[][] centred(double[][] rows, int v, String what) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != v || v == 0) {
        throw new IllegalArgumentException("FactorMatching: " + what + " factor " + i + " has "
            + rows[i].length + " word weights, expected " + v + " (> 0)");
      }
      double mean = 0;
      for (double x : rows[i]) {
        mean += x;
      }
      mean /= v;
      out[i] = new double[v];
      for (int w = 0; w < v; w++) {
        out[i][w] = rows[i][w] - mean;
      }
    }
    return out;
  }
}
