package org.vi4j.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;

class RestartsTest extends Vi4jTestBase {

  @Test
  void keepsTheBestScoreAndReturnsAll() {
    List<Long> seeds = new ArrayList<>();
    double[] scores = {-5, -2, -7, -2};
    Restarts.Result<Double> r = Restarts.runScored(4, 10, s -> {
      seeds.add(s);
      return scores[(int) (s - 10)];
    }, Double::doubleValue);
    assertEquals(List.of(10L, 11L, 12L, 13L), seeds);
    assertEquals(1, r.bestIndex());                         // ties keep the earliest
    assertEquals(-2.0, r.best());
    assertArrayEquals(scores, r.elbos(), 0.0);
    assertEquals(4, r.results().size());
  }

  @Test
  void divergedAndNonFiniteRestartsLose() {
    DivergenceExceptionFactory f = new DivergenceExceptionFactory();
    Restarts.Result<Double> r = Restarts.runScored(3, 0, s -> {
      if (s == 0) {
        throw f.make();
      }
      return s == 1 ? Double.NaN : -1.0;
    }, Double::doubleValue);
    assertEquals(2, r.bestIndex());
    assertTrue(Double.isNaN(r.elbos()[0]) && Double.isNaN(r.elbos()[1]));
    assertNull(r.results().get(0));
    DivergenceException e = f.make();
    assertSame(e, assertThrows(DivergenceException.class,
        () -> Restarts.runScored(2, 0, s -> { throw e; }, (Double d) -> d)));
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> Restarts.runScored(2, 0, s -> Double.NaN, Double::doubleValue));
    assertTrue(none.getMessage().contains("none of the 2 restarts"), none.getMessage());
  }

  @Test
  void refusesFewerThanOneRestart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Restarts.runScored(0, 0, s -> 1.0, Double::doubleValue));
    assertTrue(e.getMessage().contains("run.restarts must be >= 1"), e.getMessage());
  }

  /** A divergence as the loop throws it. */
  private static final class DivergenceExceptionFactory {
    DivergenceException make() {
      return new DivergenceException("diverged", 0, "p", null);
    }
  }
}
