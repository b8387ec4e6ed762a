package org.vi4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> NAMES =
      List.of("adam", "exp-gaussian", "gamma", "mean-field-normal", "reparam", "sgd");

  @Test
  void distance_countsAdjacentSwapsAsOneEdit() {
    assertEquals(1, Suggestions.distance("adma", "adam"));
    assertEquals(1, Suggestions.distance("gama", "gamma"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
    assertEquals(0, Suggestions.distance("", ""));
  }

  @Test
  void nearest_suggestsCloseNamesOnly() {
    assertEquals(Optional.of("adam"), Suggestions.nearest("adma", NAMES));
    assertEquals(Optional.of("exp-gaussian"), Suggestions.nearest("Exp-Gausian", NAMES));
    assertEquals(Optional.of("reparam"), Suggestions.nearest("reparm", NAMES));
    assertEquals(Optional.of("mean-field-normal"), Suggestions.nearest("normal", NAMES));
    assertEquals(Optional.empty(), Suggestions.nearest("zzzzzzzz", NAMES));
    assertEquals(Optional.empty(), Suggestions.nearest("", NAMES));
  }
}
