/**
 * The {@code clipped-adam} optimizer plugin: Pyro's ClippedAdam, Adam with element-wise gradient
 * clamping and a per-update learning-rate decay ({@link org.vi4j.optimizers.clippedadam.ClippedAdam}).
 */
package org.vi4j.optimizers.clippedadam;
