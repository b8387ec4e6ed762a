package org.vi4j.core.distributions;

/**
 * A distribution parameter outside its domain (a scale of 0, a negative rate, a NaN). Its message
 * names the distribution, the parameter, the element and the value. A subtype of
 * {@link IllegalArgumentException} so that the inference loop can tell a diverged step (parameters
 * gone bad) from a programming error.
 */
public final class DistributionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public DistributionException(String message) {
    super(message);
  }
}
