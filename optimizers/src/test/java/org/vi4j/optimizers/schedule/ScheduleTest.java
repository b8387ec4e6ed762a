package org.vi4j.optimizers.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.testing.Vi4jTestBase;

/** The schedules' rates, validation and option parsing. */
class ScheduleTest extends Vi4jTestBase {

  @Test
  void rates() {
    assertEquals(1.0, new ConstantRate().rate(12345));
    ExponentialDecay exp = new ExponentialDecay(0.5);
    assertEquals(1.0, exp.rate(0));
    assertEquals(0.125, exp.rate(3));
    RobbinsMonro rm = new RobbinsMonro(1.0, 0.7);
    assertEquals(1.0, rm.rate(0));
    assertEquals(Math.pow(11, -0.7), rm.rate(10), 1e-16);
    assertEquals(Math.pow(4.5, -1.0), new RobbinsMonro(0.5, 1.0).rate(4), 1e-16);
  }

  @Test
  void validation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new RobbinsMonro(1.0, 0.5));
    assertTrue(e.getMessage().contains("kappa must be in (0.5, 1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RobbinsMonro(0.0, 0.7));
    assertTrue(e.getMessage().contains("tau must be finite and > 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(1.5));
    assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(Double.NaN));
  }

  @Test
  void fromOptions() {
    assertEquals(new ConstantRate(), from(Map.of()));
    assertEquals(new ExponentialDecay(0.999), from(Map.of("schedule", "exponential")));
    assertEquals(new ExponentialDecay(0.9), from(Map.of("schedule", "exponential", "gamma", "0.9")));
    assertEquals(new RobbinsMonro(1.0, 0.7), from(Map.of("schedule", "robbins-monro")));
    assertEquals(new RobbinsMonro(10.0, 0.55),
        from(Map.of("schedule", "Robbins-Monro", "tau", 10, "kappa", 0.55)));
  }

  @Test
  void parameterOfAnotherScheduleIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> from(Map.of("gamma", "0.9", "kappa", "0.6")));
    assertEquals("Options of optimizer 'test': 'gamma' applies only to schedule=exponential; "
        + "'kappa' applies only to schedule=robbins-monro, but schedule is constant", e.getMessage());
  }

  @Test
  void settingsNameTheScheduleAndItsParameters() {
    assertEquals(Map.of("schedule", "robbins-monro", "tau", "2.0", "kappa", "0.6"),
        new RobbinsMonro(2, 0.6).settings());
    assertEquals(List.of("schedule", "gamma"),
        List.copyOf(new ExponentialDecay(0.5).settings().keySet()));
  }

  private static LearningRateSchedule from(Map<String, ?> raw) {
    Options checked = Options.of(raw).checkedFor("optimizer 'test'", ScheduleOptions.SPECS);
    return ScheduleOptions.from(checked, "optimizer 'test'");
  }
}
