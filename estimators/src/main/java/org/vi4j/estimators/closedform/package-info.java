/**
 * The {@code closed-form} estimator plugin: a model's closed-form ELBO
 * ({@link org.vi4j.core.spi.ClosedFormElbo}) reported without a gradient, for coordinate-ascent
 * optimizers ({@link org.vi4j.estimators.closedform.ClosedFormEstimator}).
 */
package org.vi4j.estimators.closedform;
