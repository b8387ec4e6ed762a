package org.vi4j.core.transforms;

import org.vi4j.core.autodiff.Tensor;

/** Value checks shared by the transforms' inverses. */
final class Checks {

  private Checks() {}

  /** Throws if {@code ok} is false for element k, naming the transform, element and value. */
  static void require(boolean ok, String transform, Tensor t, int k, String accepted) {
    if (!ok) {
      throw new IllegalArgumentException(transform + ".inverse: element (" + k / t.cols() + ", "
          + k % t.cols() + ") is " + t.value().data[k] + ", outside the support; accepted: "
          + accepted);
    }
  }
}
