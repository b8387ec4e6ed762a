package org.vi4j.guides.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.vi4j.core.autodiff.Param;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.random.Rng;

/**
 * N(μ, LLᵀ) over one block of {@code dim} values, L lower triangular with a positive diagonal.
 * Parameters: {@code <prefix>.loc} = μ (1 x dim) and {@code <prefix>.scale_tril_raw} = P
 * (dim x dim), with
 * <pre>
 *   L_ij = P_ij (i &gt; j),   L_ii = softplus(P_ii),   L_ij = 0 (i &lt; j; P_ij is unused, its gradient 0)
 *   u    = μ + ε Lᵀ,  ε ~ N(0, I) one row per particle     (matmulTransB: Lᵀ is never formed)
 *   log q(u) = Σ_j log N(ε_j; 0, 1) − Σ_j log L_jj
 * </pre>
 * The last line is the change of variables u = μ + Lε (|det L| = Π L_jj). Its gradient in φ at a
 * fixed ε is the total (pathwise) derivative of log q(u(ε; φ); φ), which is what a reparameterised
 * ELBO needs; evaluating q at an arbitrary fixed u would need a triangular solve.
 *
 * <p>EJML does the Cholesky factorisation of {@link #setCovariance} and the product of
 * {@link #covariance}.
 */
public final class CholeskyNormalBlock {

  private final int dim;
  private final Param loc;
  private final Param scaleTrilRaw;
  /** 1 strictly below the diagonal, else 0 (a constant, made once). */
  private final Tensor strictlyLower;
  /** The identity (a constant, made once). */
  private final Tensor identity;
  /** Column j for row j: gathers the diagonal of P. */
  private final int[] diagonal;

  /**
   * Adds the two parameters to {@code params}, with L = initScale·I.
   *
   * @param params where φ lives. Modified.
   * @param prefix the latent's name
   * @param dim number of values, &gt; 0
   * @param initLoc initial μ (every element)
   * @param initScale initial diagonal of L, finite and &gt; 0
   */
  public CholeskyNormalBlock(ParamStore params, String prefix, int dim, double initLoc,
      double initScale) {
    this.dim = dim;
    this.loc = params.add(prefix + ".loc", 1, dim, initLoc);
    DMatrixRMaj p = new DMatrixRMaj(dim, dim);
    double raw = GuideMath.inverseSoftplus(initScale);
    for (int j = 0; j < dim; j++) {
      p.set(j, j, raw);
    }
    this.scaleTrilRaw = params.add(prefix + ".scale_tril_raw", p);
    DMatrixRMaj lower = new DMatrixRMaj(dim, dim);
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < i; j++) {
        lower.set(i, j, 1.0);
      }
    }
    this.strictlyLower = Tensor.constant(lower);
    this.identity = Tensor.constant(CommonOps_DDRM.identity(dim));
    this.diagonal = new int[dim];
    for (int j = 0; j < dim; j++) {
      diagonal[j] = j;
    }
  }

  /** μ, the {@code .loc} parameter. */
  public Param loc() {
    return loc;
  }

  /** P, the {@code .scale_tril_raw} parameter. */
  public Param scaleTrilRaw() {
    return scaleTrilRaw;
  }

  /** L as a differentiable dim x dim tensor (taped when the parameters are watched). */
  public Tensor scaleTril() {
    return scaleTrilRaw.mul(strictlyLower).add(scaleTrilRaw.softplus().mul(identity));
  }

  /** Pathwise draws (particles x dim) and log q (particles x 1), as the class javadoc says. */
  public BlockDraw sample(Rng rng, int particles) {
    Tensor l = scaleTril();
    Tensor eps = GuideMath.standardNormal(loc, particles, dim, rng);
    Tensor u = eps.matmulTransB(l).add(loc);
    Tensor logDiag = scaleTrilRaw.gather(diagonal).softplus().log().sum();
    Tensor logQ = eps.square().sumRows().mul(-0.5).sub(logDiag).sub(dim * GuideMath.LOG_SQRT_2PI);
    return new BlockDraw(u, logQ);
  }

  /** The current L (a copy). */
  public DMatrixRMaj scaleTrilValue() {
    DMatrixRMaj p = scaleTrilRaw.value();
    DMatrixRMaj l = new DMatrixRMaj(dim, dim);
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < i; j++) {
        l.set(i, j, p.get(i, j));
      }
      l.set(i, i, GuideMath.softplus(p.get(i, i)));
    }
    return l;
  }

  /** The current covariance LLᵀ (a new matrix). */
  public DMatrixRMaj covariance() {
    DMatrixRMaj l = scaleTrilValue();
    DMatrixRMaj cov = new DMatrixRMaj(dim, dim);
    CommonOps_DDRM.multTransB(l, l, cov);
    return cov;
  }

  /**
   * Sets L to the Cholesky factor of {@code covariance} (EJML). Modifies the parameter's value
   * (only if every check passes).
   *
   * @param where the guide and latent, for messages
   * @param covariance dim x dim, symmetric positive definite. Not modified.
   * @throws IllegalArgumentException naming the block if the shape is wrong or the matrix is not
   *     symmetric positive definite
   */
  public void setCovariance(String where, DMatrixRMaj covariance) {
    if (covariance == null || covariance.numRows != dim || covariance.numCols != dim) {
      throw new IllegalArgumentException(where + ": covariance must be " + dim + "x" + dim + ", got "
          + (covariance == null ? "null" : covariance.numRows + "x" + covariance.numCols));
    }
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < i; j++) {
        double a = covariance.get(i, j);
        double b = covariance.get(j, i);
        if (!(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b))))) {
          throw new IllegalArgumentException(where + ": covariance is not symmetric at (" + i + ", "
              + j + "): " + a + " vs " + b);
        }
      }
    }
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(dim, true);
    DMatrixRMaj copy = covariance.copy();
    if (!chol.decompose(copy)) {
      throw new IllegalArgumentException(where + ": covariance is not positive definite (its "
          + "Cholesky factorisation failed)");
    }
    DMatrixRMaj l = chol.getT(null);
    DMatrixRMaj raw = new DMatrixRMaj(dim, dim);
    for (int i = 0; i < dim; i++) {
      if (!(l.get(i, i) > 0 && l.get(i, i) < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(where + ": covariance is not positive definite "
            + "(Cholesky diagonal " + i + " is " + l.get(i, i) + ")");
      }
      for (int j = 0; j < i; j++) {
        raw.set(i, j, l.get(i, j));
      }
      raw.set(i, i, GuideMath.inverseSoftplus(l.get(i, i)));
    }
    scaleTrilRaw.value().setTo(raw);
  }
}
