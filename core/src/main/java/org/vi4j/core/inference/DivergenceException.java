package org.vi4j.core.inference;

/**
 * The run diverged: too many consecutive steps produced a non-finite ELBO, gradient or parameter.
 * The model's and guide's parameters hold the last good values when this is thrown, and
 * {@link #partial()} summarises the run up to that point.
 */
public final class DivergenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long step;
  private final String parameter;
  private final transient FitResult partial;

  DivergenceException(String message, long step, String parameter, FitResult partial) {
    super(message);
    this.step = step;
    this.parameter = parameter;
    this.partial = partial;
  }

  /** The step at which the first of the consecutive bad steps happened. */
  public long step() {
    return step;
  }

  /** The first parameter that went non-finite (e.g. {@code guide:rate.shape}), or "elbo". */
  public String parameter() {
    return parameter;
  }

  /** The run up to the last good step (trace, last good parameters); may be null. */
  public FitResult partial() {
    return partial;
  }
}
