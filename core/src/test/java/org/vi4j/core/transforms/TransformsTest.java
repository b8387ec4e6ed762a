package org.vi4j.core.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.testing.Vi4jTestBase;

class TransformsTest extends Vi4jTestBase {

  @Test
  void forSupport_mapsEachContinuousSupport() {
    assertEquals(AffineTransform.identity(), Transforms.forSupport(Support.REAL));
    assertInstanceOf(ExpTransform.class, Transforms.forSupport(Support.POSITIVE));
    assertInstanceOf(SigmoidTransform.class, Transforms.forSupport(Support.UNIT_INTERVAL));
    assertInstanceOf(StickBreakingTransform.class, Transforms.forSupport(Support.SIMPLEX));
    for (Support s : Transforms.supported()) {
      assertEquals(s, Transforms.forSupport(s).support());
    }
  }

  @Test
  void supported_isExactlyTheSupportsWithATransform() {
    assertEquals(EnumSet.of(Support.REAL, Support.POSITIVE, Support.UNIT_INTERVAL, Support.SIMPLEX),
        Transforms.supported());
    for (Support s : Support.values()) {
      assertEquals(Transforms.supported().contains(s), Transforms.find(s).isPresent(), s.name());
    }
    assertThrows(UnsupportedOperationException.class, () -> Transforms.supported().add(Support.BINARY));
  }

  @Test
  void forSupport_refusesSupportsWithoutOne_sayingWhy() {
    for (Support s : EnumSet.of(Support.BINARY, Support.CATEGORICAL, Support.NON_NEGATIVE_INTEGER)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Transforms.forSupport(s));
      assertTrue(e.getMessage().contains(s.name()) && e.getMessage().contains("discrete")
          && e.getMessage().contains("[REAL, POSITIVE, UNIT_INTERVAL, SIMPLEX]"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Transforms.forSupport(Support.LOWER_BOUNDED));
    assertTrue(e.getMessage().contains("LOWER_BOUNDED") && e.getMessage().contains("bound"),
        e.getMessage());
  }

  @Test
  void forSupport_refusesPositiveDefiniteMatrices_sayingTheDimensionIsTheModels() {
    assertFalse(Support.POSITIVE_DEFINITE.discrete());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Transforms.forSupport(Support.POSITIVE_DEFINITE));
    assertTrue(e.getMessage().contains("POSITIVE_DEFINITE") && e.getMessage().contains("dimension")
        && !e.getMessage().contains("AffineTransform"), e.getMessage());
  }
}
