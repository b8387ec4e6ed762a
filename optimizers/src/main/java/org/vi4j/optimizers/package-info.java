/**
 * vi4j's optimizers: the shared first-order step
 * ({@link org.vi4j.optimizers.GradientOptimizer}: estimate, measure, update in place, ascending
 * the ELBO; state bound to the parameters and saved bit for bit through
 * {@link org.vi4j.core.spi.Stateful}), learning-rate schedules
 * ({@link org.vi4j.optimizers.schedule}) and one package per plugin: {@code sgd}, {@code adam},
 * {@code adagrad}, {@code rmsprop}, {@code clipped-adam} and {@code cavi} (coordinate ascent).
 */
package org.vi4j.optimizers;
