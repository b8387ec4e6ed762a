package org.vi4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.models.expgaussian.ExpGaussianProvider;
import org.vi4j.models.poissongamma.PoissonGammaProvider;
import org.vi4j.core.testing.Vi4jTestBase;

class ModelServicesTest extends Vi4jTestBase {

  @Test
  void servicesFile_listsBothProviders() throws IOException {
    List<String> lines = new ArrayList<>();
    for (URL url : Collections.list(getClass().getClassLoader()
        .getResources("META-INF/services/org.vi4j.core.plugin.ModelProvider"))) {
      {
        try (InputStream in = url.openStream()) {
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(lines::add);
        }
      }
    }
    assertTrue(lines.contains(ExpGaussianProvider.class.getName()), lines.toString());
    assertTrue(lines.contains(PoissonGammaProvider.class.getName()), lines.toString());
  }

  @Test
  void registry_findsBothByName() {
    Plugins plugins = Plugins.load(getClass().getClassLoader());
    assertTrue(plugins.failures().stream().noneMatch(f -> f.toString().contains("org.vi4j.models")),
        plugins.failures().toString());
    assertNotNull(plugins.models().lookup("exp-gaussian"));
    assertNotNull(plugins.models().lookup("poisson-gamma"));
    assertEquals(ExpGaussianProvider.class, plugins.models().lookup("exp-gaussian").getClass());
    assertEquals(PoissonGammaProvider.class, plugins.models().lookup("poisson-gamma").getClass());
  }
}
