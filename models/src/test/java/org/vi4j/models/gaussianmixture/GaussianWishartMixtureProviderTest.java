package org.vi4j.models.gaussianmixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.spi.Latent;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.models.expgaussian.ExpGaussianModel;

/** The three {@code gaussian-mixture-mv} providers: names, options, data files, errors. */
class GaussianWishartMixtureProviderTest extends Vi4jTestBase {

  static final Plugins PLUGINS = Plugins.load(GaussianWishartMixtureProviderTest.class
      .getClassLoader());

  static GaussianWishartMixtureModel model(Map<String, ?> options) {
    return (GaussianWishartMixtureModel) PLUGINS.createModel("gaussian-mixture-mv",
        Options.of(options));
  }

  @Test
  void registryFindsModelGuideAndEstimatorByName() {
    assertInstanceOf(GaussianWishartMixtureProvider.class,
        PLUGINS.models().lookup("gaussian-mixture-mv"));
    assertInstanceOf(GaussianWishartMixtureGuideProvider.class,
        PLUGINS.guides().lookup("gaussian-mixture-mv"));
    assertInstanceOf(GaussianWishartMixtureElboProvider.class,
        PLUGINS.estimators().lookup("gaussian-mixture-mv-elbo"));
    assertTrue(PLUGINS.failures().isEmpty(), PLUGINS.failures().toString());
    GaussianWishartMixtureModel m = model(Map.of());
    VariationalFamily q = PLUGINS.createGuide("gaussian-mixture-mv", m, Options.of(Map.of("seed", 3)));
    for (Latent l : m.latents().latents()) {
      assertTrue(q.supports().contains(l.support()), l.describe());
    }
    assertEquals(Support.POSITIVE_DEFINITE, m.latents().get("precision").support());
    assertEquals(PLUGINS.guides().lookup("gaussian-mixture-mv").supports(), q.supports());
    GaussianWishartMixtureModel same = model(Map.of());
    assertEquals(m.elbo((GaussianWishartMixtureGuide) q), same.elbo(new GaussianWishartMixtureGuide(
        same, org.vi4j.core.random.Rng.seeded(3))), 0.0, "guide seed = the engine's start seed");
    assertEquals(0.0, PLUGINS.createEstimator("gaussian-mixture-mv-elbo", Options.empty())
        .estimate(m, q, null, null).standardError());
  }

  @Test
  void defaultsAreTheSeededExperimentAndTheDataRelativePriors() {
    GaussianWishartMixtureModel m = model(Map.of());
    assertEquals(GaussianWishartMixtureProvider.DEFAULT_K, m.components());
    double[][] x = GaussianClustersData.experiment(GaussianClustersData.SEED).train();
    assertEquals(300, m.data().length);
    assertArrayEquals(x, m.data());
    GaussianWishartMixture.Priors def = GaussianWishartMixture.defaultPriors(x, 6);
    assertEquals(def.alpha0(), m.priors().alpha0(), 0.0);
    assertEquals(1.0 / 6, m.priors().alpha0(), 1e-15);
    assertEquals(3.0, m.priors().nu0(), 0.0);
    assertArrayEquals(def.m0(), m.priors().m0(), 0.0);
    assertArrayEquals(def.w0(), m.priors().w0());
    assertEquals(2, model(Map.of("seed", 5)).dimension());
  }

  /** Setting ν0 alone keeps the documented prior mean precision E[Λ] = ν0 W0 = K² Σ⁻¹. */
  @Test
  void optionsSetThePriors() {
    GaussianWishartMixtureModel d = model(Map.of("k", 3));
    GaussianWishartMixtureModel m = model(Map.of("k", 3, "alpha0", 0.5, "beta0", 2.0, "nu0", 5.0));
    assertEquals(0.5, m.priors().alpha0());
    assertEquals(2.0, m.priors().beta0());
    assertEquals(5.0, m.priors().nu0());
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        assertEquals(3.0 * d.priors().w0()[a][b], 5.0 * m.priors().w0()[a][b],
            1e-12 * Math.abs(d.priors().w0()[a][a]));
      }
    }
    GaussianWishartMixtureModel g = model(Map.of("m0", "1, -2", "w0", "2,0.5; 0.5,1"));
    assertArrayEquals(new double[] {1, -2}, g.priors().m0(), 0.0);
    assertArrayEquals(new double[][] {{2, 0.5}, {0.5, 1}}, g.priors().w0());
  }

  @Test
  void readsAnNByDCsv(@TempDir Path dir) throws IOException {
    Path ok = dir.resolve("x.csv");
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      s.append(i % 2 == 0 ? i : -i).append(", ").append(0.5 * i).append(',').append(i * i % 7)
          .append('\n');
    }
    Files.writeString(ok, s.toString());
    GaussianWishartMixtureModel m = model(Map.of("data", ok.toString(), "k", 2));
    assertEquals(3, m.dimension());
    assertEquals(20, m.data().length);
    assertArrayEquals(new double[] {-3, 1.5, 2}, m.data()[3], 0.0);
  }

  @Test
  void refusesBadInputNamingTheOptionTheFileAndTheLine(@TempDir Path dir) throws IOException {
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "1,2\n3,4\n5,6,7\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model(Map.of("data", ragged.toString())));
    assertTrue(e.getMessage().contains(ragged.toString()) && e.getMessage().contains("line 3 has 3 "
        + "columns, the first data line has 2"), e.getMessage());
    Path text = dir.resolve("text.csv");
    Files.writeString(text, "1,2\n3,four\n");
    e = assertThrows(IllegalArgumentException.class, () -> model(Map.of("data", text.toString())));
    assertTrue(e.getMessage().contains("line 2, column 2: 'four'"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> model(Map.of("w0", "1,2;2,1")));
    assertTrue(e.getMessage().contains("not symmetric positive definite")
        && e.getMessage().contains("option w0 = '1,2;2,1'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model(Map.of("w0", "1,0.3;0.2,1")));
    assertTrue(e.getMessage().contains("must be symmetric"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model(Map.of("w0", "1,0,0;0,1,0;0,0,1")));
    assertTrue(e.getMessage().contains("option w0") && e.getMessage().contains("has 3 rows")
        && e.getMessage().contains("D = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model(Map.of("m0", "1,2,3")));
    assertTrue(e.getMessage().contains("option m0 = '1,2,3' has 3 values")
        && e.getMessage().contains("D = 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model(Map.of("m0", "1,x")));
    assertTrue(e.getMessage().contains("'x' is not a finite number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model(Map.of("nu0", 0.5)));
    assertTrue(e.getMessage().contains("nu0 = 0.5") && e.getMessage().contains("> D - 1 = 1"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> model(Map.of("k", 1)));
    assertTrue(e.getMessage().contains(">= 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PLUGINS.createGuide("gaussian-mixture-mv",
        new ExpGaussianModel(new double[] {1.0}, 1.0, 1.0), Options.empty()));
    assertTrue(e.getMessage().contains("only for model 'gaussian-mixture-mv'"), e.getMessage());
  }
}
