package org.vi4j.models.lda;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two sums of {@link DocumentInference}'s update as SIMD loops over padded rows
 * ({@code jdk.incubator.vector}, the preferred species). Only element-wise multiplies, adds,
 * divides and maxima, each correctly rounded and applied to every element in the same order as the
 * scalar loops of {@link DocumentInference}, so the results are the same bits; no lane reductions
 * (whose order the API leaves open). Loaded only when the incubator module is present.
 */
final class VectorKernels {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private VectorKernels() {}

  static int lanes() {
    return S.length();
  }

  /** norm = Σ_{c<k} e_c · byTopic[c], ratio = counts / max(norm, MIN_NORMAL), over np (padded). */
  static void normalisers(double[] byTopic, double[] e, int k, int np, double[] counts,
      double[] norm, double[] ratio) {
    int l = S.length();
    DoubleVector zero = DoubleVector.zero(S);
    for (int j = 0; j < np; j += l) {
      zero.intoArray(norm, j);
    }
    for (int c = 0; c < k; c++) {
      DoubleVector ec = DoubleVector.broadcast(S, e[c]);
      int o = c * np;
      for (int j = 0; j < np; j += l) {
        DoubleVector.fromArray(S, norm, j).add(ec.mul(DoubleVector.fromArray(S, byTopic, o + j)))
            .intoArray(norm, j);
      }
    }
    for (int j = 0; j < np; j += l) {
      DoubleVector.fromArray(S, counts, j)
          .div(DoubleVector.fromArray(S, norm, j).max(Double.MIN_NORMAL)).intoArray(ratio, j);
    }
  }

  /**
   * For each lane c &lt; kp of x (every x[c] in (0, 1e7)): y[c] = x[c] + 6 and arg[c] such that
   * exp ψ(x[c]) = y[c] · exp(arg[c]) — {@link DocumentInference#expDigamma}'s arithmetic, operation
   * for operation, so {@code y * Math.exp(arg)} is the same bits as the scalar function.
   */
  static void expDigammaArguments(double[] x, int kp, double[] y, double[] arg) {
    int l = S.length();
    for (int c = 0; c < kp; c += l) {
      DoubleVector xv = DoubleVector.fromArray(S, x, c);
      DoubleVector yv = xv.add(6);
      DoubleVector a = xv.mul(xv.add(1));
      DoubleVector b = xv.add(2).mul(xv.add(3));
      DoubleVector cc = xv.add(4).mul(xv.add(5));
      DoubleVector t2 = xv.mul(2);
      DoubleVector num = t2.add(1).mul(b).mul(cc).add(t2.add(5).mul(a).mul(cc))
          .add(t2.add(9).mul(a).mul(b));
      DoubleVector den = a.mul(b).mul(cc);
      DoubleVector r = DoubleVector.broadcast(S, 1).div(den.mul(yv));
      DoubleVector inv = den.mul(r);
      DoubleVector shift = num.mul(yv).mul(r);
      DoubleVector f = inv.mul(inv);
      DoubleVector series = f.mul(DoubleVector.broadcast(S, 1.0 / 12).sub(f.mul(
          DoubleVector.broadcast(S, 1.0 / 120).sub(f.mul(DoubleVector.broadcast(S, 1.0 / 252)
              .sub(f.mul(DoubleVector.broadcast(S, 1.0 / 240).sub(f.mul(
                  DoubleVector.broadcast(S, 1.0 / 132).sub(f.mul(691.0 / 32760)))))))))));
      yv.intoArray(y, c);
      inv.mul(-0.5).sub(series).sub(shift).intoArray(arg, c);
    }
  }

  /** t = Σ_{j<n} ratio_j · byWord[j], over kp (padded). */
  static void topicSums(double[] byWord, double[] ratio, int n, int kp, double[] t) {
    int l = S.length();
    DoubleVector zero = DoubleVector.zero(S);
    for (int c = 0; c < kp; c += l) {
      zero.intoArray(t, c);
    }
    for (int j = 0; j < n; j++) {
      DoubleVector r = DoubleVector.broadcast(S, ratio[j]);
      int o = j * kp;
      for (int c = 0; c < kp; c += l) {
        DoubleVector.fromArray(S, t, c).add(r.mul(DoubleVector.fromArray(S, byWord, o + c)))
            .intoArray(t, c);
      }
    }
  }
}
