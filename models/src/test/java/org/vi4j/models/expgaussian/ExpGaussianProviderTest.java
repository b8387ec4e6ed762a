package org.vi4j.models.expgaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.spi.Model;
import org.vi4j.core.testing.Vi4jTestBase;

class ExpGaussianProviderTest extends Vi4jTestBase {

  private final Plugins plugins = Plugins.load(getClass().getClassLoader());

  @Test
  void nameAndDescription() {
    ExpGaussianProvider p = new ExpGaussianProvider();
    assertEquals("exp-gaussian", ExpGaussianProvider.NAME);
    assertEquals(ExpGaussianProvider.NAME, p.name());
    assertFalse(p.description().isBlank());
    assertFalse(p.description().contains("\n"));
    assertEquals(3, p.options().size());
  }

  @Test
  void defaults() {
    Model m = plugins.createModel("exp-gaussian", Options.empty());
    ExpGaussianModel eg = (ExpGaussianModel) m;
    assertArrayEquals(new double[] {1.5}, eg.observations());
    assertEquals(1.0, eg.priorRate());
    assertEquals(1.0, eg.noiseScale());
    assertEquals(ExpGaussianModelTest.LOG_EVIDENCE_AT_1_5, eg.logEvidence(), 1e-13);
  }

  @Test
  void optionsFromStrings() {
    ExpGaussianModel m = (ExpGaussianModel) plugins.createModel("exp-gaussian",
        Options.empty().with("x", "0.3,1.2,2.0").with("prior-rate", "2").with("noise-scale", "0.5"));
    assertArrayEquals(new double[] {0.3, 1.2, 2.0}, m.observations());
    assertEquals(2.0, m.priorRate());
    assertEquals(0.5, m.noiseScale());
  }

  @Test
  void unknownOption_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("exp-gaussian", Options.empty().with("prior-rat", 2.0)));
    assertTrue(e.getMessage().contains("Unknown options for model 'exp-gaussian': [prior-rat]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("prior-rate"), e.getMessage());
  }

  @Test
  void badValues_areRejectedBeforeCreate() {
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("exp-gaussian", Options.empty().with("x", "1,NaN")));
    assertTrue(nan.getMessage().contains("'x'"), nan.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("exp-gaussian", Options.empty().with("prior-rate", "-1")));
    assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("exp-gaussian", Options.empty().with("noise-scale", "0")));
  }
}
