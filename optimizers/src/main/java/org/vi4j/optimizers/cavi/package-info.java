/**
 * The {@code cavi} optimizer plugin: coordinate-ascent variational inference through the model's
 * {@link org.vi4j.core.spi.ConjugateUpdates} and the guide's
 * {@link org.vi4j.core.spi.ConjugateFactors} ({@link org.vi4j.optimizers.cavi.Cavi}).
 */
package org.vi4j.optimizers.cavi;
