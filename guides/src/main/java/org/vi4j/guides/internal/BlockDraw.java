package org.vi4j.guides.internal;

/**
 * One latent block's draw: its values and their log density under q.
 *
 * @param value particles x size
 * @param logQ particles x 1, summed over the block's columns
 */
public record BlockDraw(org.vi4j.core.autodiff.Tensor value, org.vi4j.core.autodiff.Tensor logQ) {}
