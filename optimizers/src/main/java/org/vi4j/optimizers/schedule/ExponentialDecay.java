package org.vi4j.optimizers.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ρ_t = γ^t: the learning rate shrinks by the factor γ after every update (PyTorch's
 * {@code ExponentialLR} stepped once per update). The first update uses the full learning rate.
 *
 * @param gamma the decay factor per update, in (0, 1]
 */
public record ExponentialDecay(double gamma) implements LearningRateSchedule {

  /** The option value that selects this schedule. */
  public static final String NAME = "exponential";

  /** Checks {@code 0 < gamma <= 1} (NaN fails). */
  public ExponentialDecay {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("ExponentialDecay: gamma must be in (0, 1], got " + gamma);
    }
  }

  @Override
  public double rate(long t) {
    return Math.pow(gamma, t);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("schedule", NAME);
    m.put("gamma", Double.toString(gamma));
    return m;
  }
}
