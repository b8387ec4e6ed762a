package org.vi4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {

  @Test
  void with_returnsANewSpecAndKeepsThisOne() {
    PipelineSpec a = PipelineSpec.of("poisson-gamma", "gamma", "reparam", "adam");
    PipelineSpec b = a.with("optimizer.lr", 0.2).with("estimator.particles", 128).with("run.steps", 5000);
    assertTrue(a.options().isEmpty());
    assertEquals(Map.of("estimator.particles", "128", "optimizer.lr", "0.2", "run.steps", "5000"),
        b.options());
    assertEquals(Map.of("lr", "0.2"), b.optionsFor("optimizer").asMap());
    assertEquals(Map.of("steps", "5000"), b.optionsFor("run").asMap());
    assertTrue(b.optionsFor("model").isEmpty());
    assertEquals("gamma", b.name("guide"));
    assertThrows(UnsupportedOperationException.class, () -> b.options().put("model.k", "1"));
  }

  @Test
  void keys_mustNameAPart() {
    PipelineSpec s = PipelineSpec.of("m", "g", "e", "o");
    assertEquals("PipelineSpec: option key 'lr' must be part.option, part one of "
        + "[model, guide, estimator, optimizer, run] (e.g. optimizer.lr)",
        assertThrows(IllegalArgumentException.class, () -> s.with("lr", 1)).getMessage());
    assertEquals("PipelineSpec: option key 'optimiser.lr' has unknown part 'optimiser'; Did you mean "
        + "'optimizer'? parts: [model, guide, estimator, optimizer, run]",
        assertThrows(IllegalArgumentException.class, () -> s.with("optimiser.lr", 1)).getMessage());
  }

  @Test
  void names_mustNotBeEmpty() {
    assertEquals("PipelineSpec: the guide name must not be empty",
        assertThrows(IllegalArgumentException.class, () -> PipelineSpec.of("m", " ", "e", "o"))
            .getMessage());
  }
}
