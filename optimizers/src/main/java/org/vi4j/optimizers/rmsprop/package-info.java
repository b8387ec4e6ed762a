/**
 * The {@code rmsprop} optimizer plugin: RMSprop (Tieleman &amp; Hinton 2012) with optional momentum
 * and centering, as PyTorch defines it ({@link org.vi4j.optimizers.rmsprop.RmsProp}).
 */
package org.vi4j.optimizers.rmsprop;
