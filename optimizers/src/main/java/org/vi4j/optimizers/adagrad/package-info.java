/**
 * The {@code adagrad} optimizer plugin: diagonal AdaGrad (Duchi, Hazan &amp; Singer 2011),
 * {@link org.vi4j.optimizers.adagrad.Adagrad}.
 */
package org.vi4j.optimizers.adagrad;
