/**
 * The {@code sgd} optimizer plugin: stochastic gradient ascent with optional heavy-ball or
 * Nesterov momentum ({@link org.vi4j.optimizers.sgd.Sgd}).
 */
package org.vi4j.optimizers.sgd;
