/**
 * The inference loop ({@link org.vi4j.core.inference.Inference}): minibatches, stopping rules
 * (step limit, time budget, Stan ADVI convergence), the divergence guard, Polyak–Ruppert
 * averaging, checkpoints, listeners and the {@link org.vi4j.core.inference.FitResult}.
 */
package org.vi4j.core.inference;
