package org.vi4j.models.laplacemixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.models.gaussianmixture.GaussianMixtureModel;
import org.vi4j.models.gaussianmixture.GaussianMixtureProvider;

/** Both mixture providers: found by name, options applied, data from a CSV file. */
class MixtureProvidersTest extends Vi4jTestBase {

  @Test
  void registryFindsBothByName() {
    Plugins plugins = Plugins.load(getClass().getClassLoader());
    assertInstanceOf(LaplaceMixtureProvider.class, plugins.models().lookup("laplace-mixture"));
    assertInstanceOf(GaussianMixtureProvider.class, plugins.models().lookup("gaussian-mixture"));
  }

  @Test
  void defaultsAreTheSeededExperimentAndKIsAnOption() {
    LaplaceMixtureModel m = (LaplaceMixtureModel) new LaplaceMixtureProvider().create(
        Options.of(Map.of("k", 10, "scale-prior", "LOG_NORMAL")));
    assertEquals(10, m.components());
    assertEquals(LaplaceMixtureModel.ScalePrior.LOG_NORMAL, m.priors().scalePrior());
    assertEquals(200, m.data().length);
    GaussianMixtureModel g = (GaussianMixtureModel) new GaussianMixtureProvider().create(
        Options.empty());
    assertEquals(4, g.components());
    assertEquals(0.25, g.priors().alpha0());
  }

  @Test
  void readsACsvAndNamesTheBadLine(@TempDir Path dir) throws IOException {
    Path ok = dir.resolve("x.csv");
    Files.writeString(ok, "x\n1\n2\n3.5\n");
    LaplaceMixtureModel m = (LaplaceMixtureModel) new LaplaceMixtureProvider().create(
        Options.of(Map.of("data", ok.toString())));
    assertEquals(3, m.data().length);
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "1\n2\nthree\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GaussianMixtureProvider().create(Options.of(Map.of("data", bad.toString()))));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }
}
