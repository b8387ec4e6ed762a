/**
 * The {@code em} optimizer plugin: expectation–maximisation as one more coordinate step of the
 * CAVI loop ({@link org.vi4j.optimizers.em.Em}), driven by the model capability
 * {@link org.vi4j.core.spi.PointUpdates} and writing into a point-mass ({@code delta}) guide.
 */
package org.vi4j.optimizers.em;
