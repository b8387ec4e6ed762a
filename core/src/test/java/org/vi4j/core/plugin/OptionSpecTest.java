package org.vi4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptionSpecTest {

  @Test
  void key_mustBeLowerCaseKebab() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OptionSpec.real("learningRate", 1.0, ""));
    assertEquals("Option key 'learningRate' is not accepted: use lower-case letters, digits and '-', "
        + "starting with a letter", e.getMessage());
  }

  @Test
  void default_mustSatisfyItsOwnRequirement() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OptionSpec.real("lr", -1.0, "step").positive());
    assertEquals("Option 'lr': default -1.0 does not satisfy its own requirement: must be > 0",
        e.getMessage());
  }

  @Test
  void requirements_combine() {
    OptionSpec<Double> p = OptionSpec.real("p", 0.5, "").inRange(0, 1).satisfying(x -> x != 0.25, "not 0.25");
    assertEquals("in [0.0, 1.0] and not 0.25", p.requirementText());
    assertEquals("Option 'p' of m: 0.25 must be in [0.0, 1.0] and not 0.25",
        assertThrows(IllegalArgumentException.class, () -> p.convert("0.25", "m")).getMessage());
    assertEquals(1.0, p.convert("1", "m"));
  }

  @Test
  void describe_showsTypeRequirementAndDefault() {
    assertEquals("lr (a number, > 0, default 0.001): step size",
        OptionSpec.real("lr", 0.001, "step size").positive().describe());
    assertTrue(OptionSpec.string("data", "x", "").required().describe().contains("required"));
  }
}
