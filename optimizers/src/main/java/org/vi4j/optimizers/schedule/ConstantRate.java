package org.vi4j.optimizers.schedule;

import java.util.Map;

/** ρ_t = 1: the learning rate as given, every update. */
public record ConstantRate() implements LearningRateSchedule {

  /** The option value that selects this schedule. */
  public static final String NAME = "constant";

  @Override
  public double rate(long t) {
    return 1.0;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("schedule", NAME);
  }
}
