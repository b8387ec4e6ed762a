package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.testing.Vi4jTestBase;

/** The {@code run.*} options: defaults, parsing, validation and the full option map. */
class RunOptionsTest extends Vi4jTestBase {

  @Test
  void defaultsAreTheDocumentedOnes() {
    RunOptions.Settings s = RunOptions.settings(Options.empty());
    assertEquals(5000, s.steps());
    assertEquals(42, s.seed());
    assertEquals(0.0, s.averageLast());
    assertEquals(0, s.batchSize());
    assertEquals(1000, s.particlesEval());
    assertEquals(1000, s.checkpointEvery());
    assertEquals(false, s.convergence());
    assertEquals(1, s.restarts());
  }

  @Test
  void restartsMustBePositive() {
    assertEquals(5, RunOptions.settings(Options.of(Map.of("restarts", "5"))).restarts());
    String all = String.join("\n", RunOptions.problems(Options.of(Map.of("restarts", "0"))));
    assertTrue(all.contains("restarts") && all.contains("> 0"), all);
    assertTrue(RunOptions.problems(Options.of(Map.of("restarts", "two"))).size() == 1);
  }

  @Test
  void valuesAreParsedFromStrings() {
    RunOptions.Settings s = RunOptions.settings(Options.of(Map.of("steps", "200",
        "average-last", "0.25", "seed", "-7", "batch-size", "32", "convergence", "true",
        "tol-rel-obj", "0.001", "eval-particles", "500")));
    assertEquals(200, s.steps());
    assertEquals(0.25, s.averageLast());
    assertEquals(-7, s.seed());
    assertEquals(32, s.batchSize());
    assertTrue(s.convergence());
    assertEquals(0.001, s.tolRelObj());
    assertEquals(500, s.particlesEval());
  }

  @Test
  void unknownKeysAndBadValuesAreAllReported() {
    List<String> problems = RunOptions.problems(Options.of(Map.of("foo", "1",
        "average-last", "1.5", "steps", "0")));
    String all = String.join("\n", problems);
    assertTrue(all.contains("[foo]") && all.contains("accepted: ["), all);
    assertTrue(all.contains("average-last") && all.contains("in [0.0, 1.0]"), all);
    assertTrue(all.contains("steps") && all.contains("> 0"), all);
    assertThrows(IllegalArgumentException.class,
        () -> RunOptions.settings(Options.of(Map.of("foo", "1"))));
  }

  @Test
  void asOptionsHoldsEveryKeyWithThePrefix() {
    Map<String, Object> m = RunOptions.settings(Options.empty()).asOptions();
    assertEquals(RunOptions.ALL.size(), m.size());
    for (OptionSpec<?> s : RunOptions.ALL) {
      assertEquals(s.defaultValue(), m.get("run." + s.key()), s.key());
    }
  }
}
