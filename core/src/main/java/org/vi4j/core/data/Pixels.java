package org.vi4j.core.data;

import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.random.Rng;

/**
 * Pixel transforms for image data held one image per row.
 *
 * <pre>{@code
 * DMatrixRMaj x = Pixels.scale(raw, 255);          // [0, 255] → [0, 1]
 * DMatrixRMaj b = Pixels.binarize(x, 0.5);         // 1 where x > 0.5, else 0
 * Pixels.binarizeRandom(x, rng, out);              // a fresh Bernoulli(x) draw (e.g. per epoch)
 * }</pre>
 */
public final class Pixels {

  private Pixels() {}

  /**
   * x / max for every pixel, a copy. Every value must lie in [0, max].
   *
   * @param max the largest raw value (255 for 8-bit images, 16 for the UCI digits), &gt; 0
   * @throws IllegalArgumentException naming the first value outside [0, max] (row, column)
   */
  public static DMatrixRMaj scale(DMatrixRMaj raw, double max) {
    if (!(max > 0) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("Pixels.scale: max must be finite and > 0, got " + max);
    }
    DMatrixRMaj out = new DMatrixRMaj(raw.numRows, raw.numCols);
    for (int k = 0, n = raw.getNumElements(); k < n; k++) {
      double v = raw.data[k];
      if (!(v >= 0 && v <= max)) {
        throw new IllegalArgumentException("Pixels.scale: value " + v + " at row " + k / raw.numCols
            + ", column " + k % raw.numCols + " is outside [0, " + max + "]");
      }
      out.data[k] = v / max;
    }
    return out;
  }

  /**
   * 1 where x &gt; threshold, else 0 (a copy): the fixed binarisation of grey-scale images.
   *
   * @param threshold in [0, 1)
   */
  public static DMatrixRMaj binarize(DMatrixRMaj x, double threshold) {
    checkUnit(x, "Pixels.binarize");
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("Pixels.binarize: threshold must be in [0, 1), got "
          + threshold);
    }
    DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
    for (int k = 0, n = x.getNumElements(); k < n; k++) {
      out.data[k] = x.data[k] > threshold ? 1.0 : 0.0;
    }
    return out;
  }

  /**
   * x / max in place (for large data sets: no copy); same checks as {@link #scale}. If a value is
   * out of range the matrix is left partly scaled.
   *
   * @param raw the pixels. Modified.
   */
  public static void scaleInPlace(DMatrixRMaj raw, double max) {
    if (!(max > 0) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("Pixels.scaleInPlace: max must be finite and > 0, got " + max);
    }
    for (int k = 0, n = raw.getNumElements(); k < n; k++) {
      double v = raw.data[k];
      if (!(v >= 0 && v <= max)) {
        throw new IllegalArgumentException("Pixels.scaleInPlace: value " + v + " at row "
            + k / raw.numCols + ", column " + k % raw.numCols + " is outside [0, " + max + "]");
      }
      raw.data[k] = v / max;
    }
  }

  /**
   * 1 where x &gt; threshold, else 0, in place; same checks as {@link #binarize}.
   *
   * @param x intensities in [0, 1]. Modified.
   */
  public static void binarizeInPlace(DMatrixRMaj x, double threshold) {
    checkUnit(x, "Pixels.binarizeInPlace");
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("Pixels.binarizeInPlace: threshold must be in [0, 1), got "
          + threshold);
    }
    for (int k = 0, n = x.getNumElements(); k < n; k++) {
      x.data[k] = x.data[k] > threshold ? 1.0 : 0.0;
    }
  }

  /**
   * A fresh stochastic binarisation: out = 1 with probability x, independently per pixel (the
   * "dynamically binarised" MNIST of Salakhutdinov &amp; Murray 2008 when redrawn every epoch).
   *
   * @param x intensities in [0, 1]. Not modified.
   * @param rng the source of randomness. Modified (advanced).
   * @param out the draw, the shape of x. Modified.
   */
  public static void binarizeRandom(DMatrixRMaj x, Rng rng, DMatrixRMaj out) {
    if (out.numRows != x.numRows || out.numCols != x.numCols) {
      throw new IllegalArgumentException("Pixels.binarizeRandom: out is " + out.numRows + "x"
          + out.numCols + ", x is " + x.numRows + "x" + x.numCols);
    }
    for (int k = 0, n = x.getNumElements(); k < n; k++) {
      out.data[k] = rng.nextDouble() < x.data[k] ? 1.0 : 0.0;
    }
  }

  /** Checks that every value is in [0, 1], naming the first that is not. */
  public static void checkUnit(DMatrixRMaj x, String who) {
    for (int k = 0, n = x.getNumElements(); k < n; k++) {
      double v = x.data[k];
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(who + ": value " + v + " at row " + k / x.numCols
            + ", column " + k % x.numCols + " is outside [0, 1]; scale the pixels first "
            + "(Pixels.scale)");
      }
    }
  }
}
