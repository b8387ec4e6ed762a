package org.vi4j.core.transforms;

import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.distributions.Support;

/**
 * A bijection T from unconstrained real space onto a {@link Support}, applied to each row of a
 * tensor: an r x n tensor of unconstrained values maps to an r x {@link #constrainedSize(int)
 * constrainedSize(n)} tensor of constrained ones.
 *
 * <pre>{@code
 * Transform t = new ExpTransform();
 * Tensor z = t.forward(u);                               // r x n, differentiable in u
 * Tensor logDet = t.logAbsDetJacobianRows(u);            // r x 1: Σ_j log|∂z_j/∂u_j|
 * Tensor logqZ = logqU.sub(logDet);                      // change of variables
 * }</pre>
 *
 * <p><strong>Contract.</strong> {@link #forward} and {@link #logAbsDetJacobian} are built from
 * {@link org.vi4j.core.autodiff.Ops}, so they record on the tape of their input and are
 * differentiable. {@link #inverse} works on values only (a constant, for initialisation), and
 * refuses points outside the support with an {@link IllegalArgumentException}. For an
 * {@linkplain #elementWise() element-wise} transform, {@code logAbsDetJacobian(u)} is r x n (one
 * log|T'(u_ij)| per element); for a row transform (stick-breaking) it is r x 1.
 *
 * <p>Implementations are immutable and stateless (safe to share).
 */
public interface Transform {

  /** The support T maps onto. */
  Support support();

  /** True if T acts on each element separately (then the Jacobian is diagonal). */
  boolean elementWise();

  /** Columns of T(u) for {@code unconstrainedSize} columns of u (the same for element-wise T). */
  default int constrainedSize(int unconstrainedSize) {
    return unconstrainedSize;
  }

  /** Columns of u for {@code constrainedSize} columns of T(u) (the same for element-wise T). */
  default int unconstrainedSize(int constrainedSize) {
    return constrainedSize;
  }

  /**
   * z = T(u), row by row.
   *
   * @param u unconstrained values, r x n. Not modified.
   * @return r x {@code constrainedSize(n)}, differentiable in u
   */
  Tensor forward(Tensor u);

  /**
   * u = T⁻¹(z), computed on values (no gradient): for initialising parameters on the unconstrained
   * space from a constrained point.
   *
   * @param z constrained values, r x m. Not modified.
   * @return a constant r x {@code unconstrainedSize(m)} tensor
   * @throws IllegalArgumentException naming the element if a value lies outside the support
   */
  Tensor inverse(Tensor z);

  /**
   * log |det ∂T(u)/∂u|: r x n per element for {@linkplain #elementWise() element-wise} transforms,
   * r x 1 per row otherwise. Differentiable in u.
   *
   * @param u unconstrained values, r x n. Not modified.
   */
  Tensor logAbsDetJacobian(Tensor u);

  /** log |det ∂T(u)/∂u| of each row, r x 1 (the per-element values summed for element-wise T). */
  default Tensor logAbsDetJacobianRows(Tensor u) {
    Tensor ladj = logAbsDetJacobian(u);
    return elementWise() ? ladj.sumRows() : ladj;
  }

  /**
   * T(u) and log|det J| of each row together; transforms that share work between the two override
   * this.
   *
   * @param u unconstrained values, r x n. Not modified.
   */
  default Pushforward pushforward(Tensor u) {
    return new Pushforward(forward(u), logAbsDetJacobianRows(u));
  }

  /**
   * A transformed value and the log absolute Jacobian determinant of each row.
   *
   * @param value T(u), r x m
   * @param logAbsDetJacobian log|det ∂T(u)/∂u| per row, r x 1
   */
  record Pushforward(Tensor value, Tensor logAbsDetJacobian) {

    /** Checks that both are given and the log-determinant is one value per row. */
    public Pushforward {
      if (value == null || logAbsDetJacobian == null) {
        throw new IllegalArgumentException("Pushforward: value and logAbsDetJacobian must not be null");
      }
      if (logAbsDetJacobian.rows() != value.rows() || logAbsDetJacobian.cols() != 1) {
        throw new IllegalArgumentException("Pushforward: logAbsDetJacobian is "
            + logAbsDetJacobian.shape() + ", expected " + value.rows() + "x1 (one per row of the "
            + value.shape() + " value)");
      }
    }
  }
}
