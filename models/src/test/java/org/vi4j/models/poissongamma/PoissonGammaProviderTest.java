package org.vi4j.models.poissongamma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.testing.Vi4jTestBase;

class PoissonGammaProviderTest extends Vi4jTestBase {

  private final Plugins plugins = Plugins.load(getClass().getClassLoader());

  @Test
  void nameAndDescription() {
    PoissonGammaProvider p = new PoissonGammaProvider();
    assertEquals("poisson-gamma", PoissonGammaProvider.NAME);
    assertEquals(PoissonGammaProvider.NAME, p.name());
    assertFalse(p.description().isBlank());
    assertFalse(p.description().contains("\n"));
  }

  @Test
  void defaults_areTheZerosWithStrength2Rate2Floor01() {
    PoissonGammaModel m = (PoissonGammaModel) plugins.createModel("poisson-gamma", Options.empty());
    assertEquals(178, m.size());
    assertEquals(2.0, m.priorRate());
    assertArrayEquals(PoissonGammaModel.withEmpiricalPrior(DigitsData.digit(0), 2.0, 2.0, 0.1)
        .priorShape(), m.priorShape(), 0.0);
  }

  @Test
  void options_chooseDigitAndPrior() {
    PoissonGammaModel m = (PoissonGammaModel) plugins.createModel("poisson-gamma", Options.empty()
        .with("digit", "7").with("prior-strength", "3").with("prior-rate", "1.5")
        .with("prior-floor", "0.5"));
    DigitsData sevens = DigitsData.digit(7);
    assertEquals(sevens.size(), m.size());
    assertEquals(1.5, m.priorRate());
    assertEquals(3 * Math.max(sevens.pixelMeans()[0], 0.5), m.priorShape()[0], 1e-15);
    PoissonGammaModel all = (PoissonGammaModel) plugins.createModel("poisson-gamma",
        Options.empty().with("digit", -1));
    assertEquals(DigitsData.BUNDLED_SIZE, all.size());
  }

  @Test
  void userCsv_withoutLabels_needsDigitMinusOne(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("mine.csv");
    Files.writeString(csv, DigitsDataTest.line(null) + "\n" + DigitsDataTest.line(null) + "\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("poisson-gamma", Options.empty().with("data", csv.toString())));
    assertTrue(e.getMessage().contains("digit=-1"), e.getMessage());
    PoissonGammaModel m = (PoissonGammaModel) plugins.createModel("poisson-gamma",
        Options.empty().with("data", csv.toString()).with("digit", -1));
    assertEquals(2, m.size());
  }

  @Test
  void unknownOption_isRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("poisson-gamma", Options.empty().with("prior-strenght", 2.0)));
    assertTrue(e.getMessage().contains("Unknown options for model 'poisson-gamma': [prior-strenght]"),
        e.getMessage());
  }

  @Test
  void badValues_areRejectedBeforeCreate() {
    assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("poisson-gamma", Options.empty().with("prior-rate", "0")));
    assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("poisson-gamma", Options.empty().with("prior-floor", "-0.1")));
    assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("poisson-gamma", Options.empty().with("digit", "-2")));
    assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("poisson-gamma", Options.empty().with("digit", "1.5")));
  }
}
