/**
 * Reverse-mode, define-by-run automatic differentiation over dense 2-D double matrices (EJML
 * {@code DMatrixRMaj}, rows = batch). Start with {@link org.vi4j.core.autodiff.Tape} and
 * {@link org.vi4j.core.autodiff.Ops}; persistent parameters live in a
 * {@link org.vi4j.core.autodiff.ParamStore}.
 */
package org.vi4j.core.autodiff;
