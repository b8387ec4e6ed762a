/**
 * The {@code svi} optimizer plugin: stochastic variational inference for models with
 * {@link org.vi4j.core.spi.ConditionallyConjugate} ({@link org.vi4j.optimizers.svi.Svi}), and the
 * parallel, thread-count-independent global step it shares with {@code cavi}
 * ({@link org.vi4j.optimizers.svi.LocalStepRunner}).
 */
package org.vi4j.optimizers.svi;
