/**
 * Bijections from unconstrained real space onto the supports of latent variables, each with the
 * log absolute determinant of its Jacobian, so a density on ℝⁿ can be pushed onto a constrained
 * support by the change-of-variables formula
 * log q_Z(T(u)) = log q_U(u) − log |det J_T(u)|.
 *
 * <pre>{@code
 * Transform t = Transforms.forSupport(Support.POSITIVE);     // ExpTransform
 * Tensor z = t.forward(u);                                   // differentiable
 * Tensor logq = logqU.sub(t.logAbsDetJacobianRows(u));       // particles x 1
 * Tensor u0 = t.inverse(Tensor.row(2.0, 3.0));               // for initialisation (a constant)
 * }</pre>
 *
 * <p>{@link org.vi4j.core.transforms.ExpTransform} (positive), {@link
 * org.vi4j.core.transforms.SigmoidTransform} (unit interval), {@link
 * org.vi4j.core.transforms.StickBreakingTransform} (simplex) and {@link
 * org.vi4j.core.transforms.AffineTransform} (real line); {@link
 * org.vi4j.core.transforms.Transforms} finds the one for a {@link
 * org.vi4j.core.distributions.Support}. Automatic guides (Kucukelbir et al. 2017, ADVI) live on the
 * unconstrained space and push their draws through these.
 */
package org.vi4j.core.transforms;
