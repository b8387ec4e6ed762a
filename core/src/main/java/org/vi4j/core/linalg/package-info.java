/**
 * Dense linear-algebra kernels behind one seam: {@link org.vi4j.core.linalg.Gemm}, the matrix
 * multiply every autodiff product and neural layer uses.
 */
package org.vi4j.core.linalg;
