package org.vi4j.core.spi;

/**
 * Observes a fit: progress bars, logging, checkpoints, ELBO traces. All methods default to no-ops.
 *
 * <pre>{@code
 * FitListener trace = new FitListener() {
 *   @Override public void onStep(StepReport r) { elbos.add(r.elbo().value()); }
 * };
 * // with Guice: Vi4jBinders.addListener(binder(), TraceListener.class);
 * }</pre>
 *
 * <p><strong>Listeners observe, they do not steer</strong>: they must not change parameters or
 * the RNG, and an exception from a listener stops the fit.
 */
public interface FitListener {

  /** Before the first step. */
  default void onStart(Problem problem) {
  }

  /** After every step, in order. */
  default void onStep(StepReport report) {
  }

  /** After the last step (also after a stop caused by divergence). */
  default void onEnd(long steps) {
  }
}
