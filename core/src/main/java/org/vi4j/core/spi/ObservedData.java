package org.vi4j.core.spi;

import org.vi4j.core.autodiff.Tensor;

/**
 * A model that holds the data set it conditions on, N x F, so the inference loop can draw
 * minibatches from it without being handed the data separately.
 *
 * <pre>{@code
 * FitResult fit = Inference.builder().model(model)...build().run();   // batches from model.observed()
 * }</pre>
 *
 * <p><strong>Contract.</strong> Row i of {@link #observed()} is data point i; {@code logJoint} reads
 * a batch's rows from {@link Batch#data()} (a copy of some of these rows) and scales its data terms
 * by {@link Batch#scale()}. The tensor is a constant and is not modified by anyone.
 */
public interface ObservedData {

  /** The full data set, one row per data point. */
  Tensor observed();
}
