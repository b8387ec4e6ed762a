package org.vi4j.core.autodiff;

import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;

/**
 * A persistent, named leaf of the autodiff graph: a model parameter θ or a variational parameter φ.
 * Its value survives across steps (optimizers update it in place between steps) and its gradient
 * accumulates over backward passes until {@link #zeroGrad()}. Names are dotted paths such as
 * {@code encoder.0.weight} or {@code rate.shape}.
 */
public final class Param extends Tensor {

  /** Dot-separated segments of letters, digits, '_' and '-'; starts with a letter. */
  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

  private final String name;

  Param(String name, DMatrixRMaj initial) {
    super(initial);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Param name '" + name
          + "' is not accepted: use dot-separated segments of letters, digits, '_' or '-', "
          + "starting with a letter (e.g. encoder.0.weight)");
    }
    this.name = name;
    this.requiresGrad = true;
    this.grad = new DMatrixRMaj(initial.numRows, initial.numCols);
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "Param[" + name + ", " + shape() + "]";
  }
}
