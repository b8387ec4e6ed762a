package org.vi4j.guides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vi4j.core.distributions.Support;
import org.vi4j.core.plugin.GuideProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.guides.auto.AutoGuide;
import org.vi4j.guides.auto.AutoGuideProvider;
import org.vi4j.guides.auto.Covariance;
import org.vi4j.guides.delta.DeltaGuideProvider;
import org.vi4j.guides.fixtures.LatentsOnlyModel;
import org.vi4j.guides.fullranknormal.FullRankNormalProvider;
import org.vi4j.guides.gamma.GammaGuideProvider;
import org.vi4j.guides.lognormal.LogNormalGuideProvider;
import org.vi4j.guides.meanfieldnormal.MeanFieldNormal;
import org.vi4j.guides.meanfieldnormal.MeanFieldNormalProvider;
import org.vi4j.guides.truncatednormal.TruncatedNormalGuide;
import org.vi4j.guides.truncatednormal.TruncatedNormalGuideProvider;

class GuideProvidersTest extends Vi4jTestBase {

  private static final Map<String, Set<Support>> EXPECTED = Map.of(
      "mean-field-normal", EnumSet.of(Support.REAL),
      "full-rank-normal", EnumSet.of(Support.REAL),
      "log-normal", EnumSet.of(Support.POSITIVE),
      "gamma", EnumSet.of(Support.POSITIVE),
      "truncated-normal", EnumSet.of(Support.POSITIVE),
      "delta", EnumSet.of(Support.REAL, Support.POSITIVE, Support.UNIT_INTERVAL, Support.SIMPLEX),
      "auto", EnumSet.of(Support.REAL, Support.POSITIVE, Support.UNIT_INTERVAL, Support.SIMPLEX),
      "amortized", EnumSet.of(Support.REAL, Support.BINARY));

  private static List<GuideProvider> loaded() {
    return ServiceLoader.load(GuideProvider.class).stream().map(ServiceLoader.Provider::get).toList();
  }

  @Test
  void servicesFile_listsEveryProvider() throws IOException {
    String file;
    try (InputStream in = getClass().getResourceAsStream(
        "/META-INF/services/org.vi4j.core.plugin.GuideProvider")) {
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> listed = Arrays.stream(file.split("\n")).map(String::strip)
        .filter(s -> !s.isEmpty() && !s.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> classes = new TreeSet<>(List.of(
        AutoGuideProvider.class.getName(), DeltaGuideProvider.class.getName(),
        FullRankNormalProvider.class.getName(), GammaGuideProvider.class.getName(),
        LogNormalGuideProvider.class.getName(), MeanFieldNormalProvider.class.getName(),
        TruncatedNormalGuideProvider.class.getName(),
        org.vi4j.guides.amortized.AmortizedProvider.class.getName()));
    assertEquals(classes, listed);
    assertEquals(EXPECTED.keySet(), loaded().stream().map(GuideProvider::name).collect(Collectors.toSet()));
  }

  @Test
  void names_areTheirNameConstants_andWellFormed() throws ReflectiveOperationException {
    for (GuideProvider p : loaded()) {
      assertEquals(p.getClass().getField("NAME").get(null), p.name());
      assertTrue(p.name().matches("[a-z][a-z0-9-]*"), p.name());
      assertTrue(!p.description().isBlank(), p.name());
      assertEquals(EXPECTED.get(p.name()), p.supports(), p.name());
    }
  }

  @Test
  void optionDefaults() {
    assertEquals(0.0, MeanFieldNormalProvider.INIT_LOC.defaultValue());
    assertEquals(0.1, MeanFieldNormalProvider.INIT_SCALE.defaultValue());
    assertEquals(0.0, FullRankNormalProvider.INIT_LOC.defaultValue());
    assertEquals(0.1, FullRankNormalProvider.INIT_SCALE.defaultValue());
    assertEquals(0.0, LogNormalGuideProvider.INIT_LOC.defaultValue());
    assertEquals(0.1, LogNormalGuideProvider.INIT_SCALE.defaultValue());
    assertEquals(1.0, GammaGuideProvider.INIT_SHAPE.defaultValue());
    assertEquals(1.0, GammaGuideProvider.INIT_RATE.defaultValue());
    assertEquals(0.0, TruncatedNormalGuideProvider.INIT_LOC.defaultValue());
    assertEquals(1.0, TruncatedNormalGuideProvider.INIT_SCALE.defaultValue());
    assertEquals(0.0, TruncatedNormalGuideProvider.LOWER.defaultValue());
    assertEquals(0.0, DeltaGuideProvider.INIT_LOC.defaultValue());
    assertEquals(Covariance.DIAGONAL, AutoGuideProvider.COVARIANCE.defaultValue());
    assertEquals(0.0, AutoGuideProvider.INIT_LOC.defaultValue());
    assertEquals(0.1, AutoGuideProvider.INIT_SCALE.defaultValue());
    for (GuideProvider p : loaded()) {
      for (OptionSpec<?> o : p.options()) {
        assertTrue(!o.isRequired(), p.name() + "." + o.key() + " has a default");
      }
    }
  }

  @Test
  void create_readsTheOptions() {
    var model = LatentsOnlyModel.of("w", 2, Support.REAL);
    GuideProvider mfn = new MeanFieldNormalProvider();
    MeanFieldNormal q = (MeanFieldNormal) mfn.create(model,
        Options.of(Map.of("init-loc", "1.5", "init-scale", "0.5")).checkedFor("guide 'mean-field-normal'", mfn.options()));
    assertEquals(1.5, q.parameters().get("w.loc").get(0, 1), 0.0);
    assertEquals(0.5, q.scale("w")[0], 1e-15);

    GuideProvider auto = new AutoGuideProvider();
    AutoGuide a = (AutoGuide) auto.create(model,
        Options.of(Map.of("covariance", "full")).checkedFor("guide 'auto'", auto.options()));
    assertEquals(Covariance.FULL, a.covariance());
    assertTrue(a.parameters().contains("w.scale_tril_raw"));

    GuideProvider tn = new TruncatedNormalGuideProvider();
    var positive = LatentsOnlyModel.of("z", 1, Support.POSITIVE);
    assertInstanceOf(TruncatedNormalGuide.class, tn.create(positive,
        Options.of(Map.of("lower", 0.25)).checkedFor("guide 'truncated-normal'", tn.options())));
    assertEquals(0.25, ((TruncatedNormalGuide) tn.create(positive,
        Options.of(Map.of("lower", 0.25)).checkedFor("guide 'truncated-normal'", tn.options()))).lower());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Options.of(Map.of("lower", -1.0)).checkedFor("guide 'truncated-normal'", tn.options()));
    assertTrue(e.getMessage().contains("lower"), e.getMessage());
  }
}
