package org.vi4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vi4j.core.distributions.Support;

class OptionsTest {

  static final OptionSpec<Double> LR = OptionSpec.real("lr", 0.001, "step size").positive();
  static final OptionSpec<Integer> PARTICLES = OptionSpec.integer("particles", 16, "samples").positive();
  static final OptionSpec<Long> SEED = OptionSpec.longInteger("seed", 42L, "seed");
  static final OptionSpec<Boolean> CENTER = OptionSpec.bool("center", false, "center the data");
  static final OptionSpec<String> DATA = OptionSpec.string("data", null, "data set").required();
  static final OptionSpec<Support> SUPPORT =
      OptionSpec.choice("support", Support.class, Support.REAL, "support");
  static final List<OptionSpec<?>> SPECS = List.of(LR, PARTICLES, SEED, CENTER, DATA, SUPPORT);
  static final String OWNER = "optimizer 'adam'";

  @Test
  void get_parsesStringsToTheDeclaredTypes() {
    Options o = Options.of(Map.of("lr", "2e-3", "particles", " 8", "seed", "-7", "center", "TRUE",
        "data", "digits", "support", "unit-interval")).checkedFor(OWNER, SPECS);
    assertEquals(0.002, o.get(LR));
    assertEquals(8, o.get(PARTICLES));
    assertEquals(-7L, o.get(SEED));
    assertEquals(true, o.get(CENTER));
    assertEquals("digits", o.get(DATA));
    assertEquals(Support.UNIT_INTERVAL, o.get(SUPPORT));
  }

  @Test
  void get_missingKeyGivesTheDefault() {
    Options o = Options.of(Map.of("data", "x")).checkedFor(OWNER, SPECS);
    assertEquals(0.001, o.get(LR));
    assertEquals(16, o.get(PARTICLES));
    assertEquals(Support.REAL, o.get(SUPPORT));
  }

  @Test
  void get_acceptsTypedValuesAndExactNumberConversions() {
    Options o = Options.empty().with("lr", 1).with("particles", 4.0).with("seed", 3).with("data", "d");
    assertEquals(1.0, o.get(LR));
    assertEquals(4, o.get(PARTICLES));
    assertEquals(3L, o.get(SEED));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Options.empty().with("particles", 2.5).get(PARTICLES));
    assertEquals("Option 'particles': 2.5 (Double) is not an integer", e.getMessage());
  }

  @Test
  void wrongType_messageSaysKeyValueAndExpectedType() {
    Options raw = Options.of(Map.of("particles", "1.5", "center", "yes", "support", "round",
        "lr", "-1", "data", "d"));
    List<String> problems = raw.problems(OWNER, SPECS);
    assertEquals(List.of(
        "Option 'center' of optimizer 'adam': 'yes' is not true or false",
        "Option 'lr' of optimizer 'adam': -1.0 must be > 0",
        "Option 'particles' of optimizer 'adam': '1.5' is not an integer",
        "Option 'support' of optimizer 'adam': 'round' is not one of [real, positive, lower-bounded, unit-interval, "
            + "simplex, binary, categorical, non-negative-integer, positive-definite]"), problems);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> raw.checkedFor(OWNER, SPECS));
    assertEquals(String.join("; ", problems), e.getMessage());
  }

  @Test
  void nan_isNotANumberOption() {
    assertEquals(List.of("Option 'lr' of optimizer 'adam': 'NaN' is not a number"),
        Options.of(Map.of("lr", "NaN", "data", "d")).problems(OWNER, SPECS));
  }

  @Test
  void unknownKey_isAnErrorListingAcceptedKeysAndNearest() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Options.of(Map.of("foo", "1", "particels", "3", "data", "d")).checkedFor(OWNER, SPECS));
    assertEquals("Unknown options for optimizer 'adam': [foo, particels]; accepted: [center, data, "
        + "lr, particles, seed, support]; did you mean 'particles' for 'particels'?", e.getMessage());
  }

  @Test
  void requiredOption_missingIsAnError() {
    assertEquals(List.of("Option 'data' of optimizer 'adam' is required: data set"),
        Options.empty().problems(OWNER, SPECS));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Options.empty().get(DATA));
    assertEquals("Option 'data' is required: data set", e.getMessage());
  }

  @Test
  void checkedOptions_refuseUndeclaredSpecs() {
    Options o = Options.of(Map.of("data", "x")).checkedFor(OWNER, SPECS);
    assertTrue(o.isChecked());
    assertFalse(Options.empty().isChecked());
    OptionSpec<Integer> other = OptionSpec.integer("other", 1, "not declared");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.get(other));
    assertEquals("optimizer 'adam' reads option 'other' that its options() does not declare; "
        + "declared: [center, data, lr, particles, seed, support]", e.getMessage());
  }

  @Test
  void duplicateSpecKeys_areAProviderBug() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Options.empty().problems(OWNER, List.of(LR, OptionSpec.real("lr", 1.0, "again"))));
    assertEquals("optimizer 'adam' declares option 'lr' twice", e.getMessage());
  }

  @Test
  void with_returnsANewInstance() {
    Options a = Options.empty();
    Options b = a.with("lr", "0.1");
    assertTrue(a.isEmpty());
    assertEquals(Map.of("lr", "0.1"), b.asMap());
  }
}
