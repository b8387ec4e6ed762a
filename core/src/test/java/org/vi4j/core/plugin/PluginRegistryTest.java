package org.vi4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vi4j.core.plugin.fakes.BadNameModelProvider;
import org.vi4j.core.plugin.fakes.DuplicateModelProvider;
import org.vi4j.core.plugin.fakes.FailingModelProvider;
import org.vi4j.core.plugin.fakes.FakeBinaryGuideProvider;
import org.vi4j.core.plugin.fakes.FakeGuideProvider;
import org.vi4j.core.plugin.fakes.FakeModelProvider;

class PluginRegistryTest {

  @TempDir
  Path dir;

  private static PluginRegistry<ModelProvider> models(ClassLoader loader) {
    return PluginRegistry.load("model", ModelProvider.class, loader);
  }

  /** A loader that sees the test class path plus a services file listing {@code classes}. */
  private ClassLoader withServices(Class<?> spi, Class<?>... classes) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    StringBuilder sb = new StringBuilder();
    for (Class<?> c : classes) {
      sb.append(c.getName()).append('\n');
    }
    Files.writeString(services.resolve(spi.getName()), sb.toString());
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void load_findsProvidersListedInServicesFiles() {
    PluginRegistry<ModelProvider> models = models(getClass().getClassLoader());
    assertTrue(models.available().contains(FakeModelProvider.NAME), models.available().toString());
    assertInstanceOf(FakeModelProvider.class, models.lookup(FakeModelProvider.NAME));
    assertTrue(models.failures().isEmpty());
  }

  @Test
  void lookup_anyCase() {
    PluginRegistry<ModelProvider> models = models(getClass().getClassLoader());
    assertInstanceOf(FakeModelProvider.class, models.lookup("FAKE-Model"));
    assertTrue(models.contains("Fake-Model"));
    assertTrue(models.find("nonsense").isEmpty());
  }

  @Test
  void available_isSortedAndImmutable() {
    PluginRegistry<GuideProvider> guides =
        PluginRegistry.load("guide", GuideProvider.class, getClass().getClassLoader());
    assertEquals(List.of(FakeBinaryGuideProvider.NAME, FakeGuideProvider.NAME), guides.available());
    assertThrows(UnsupportedOperationException.class, () -> guides.available().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> guides.asMap().put("x", null));
    assertEquals(guides.available(), guides.providers().stream().map(Provider::name).toList());
  }

  @Test
  void lookup_unknownName_listsKnownNamesAndNearestMatch() {
    PluginRegistry<GuideProvider> guides = PluginRegistry.of("guide", GuideProvider.class,
        List.of(new FakeGuideProvider(), new FakeBinaryGuideProvider()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> guides.lookup("fake-giude"));
    assertEquals("Unknown guide 'fake-giude'. Did you mean 'fake-guide'? Available guides: "
        + "[fake-bernoulli, fake-guide]. Plugins are found when a jar on the class path lists them "
        + "in META-INF/services/org.vi4j.core.plugin.GuideProvider.", e.getMessage());
  }

  @Test
  void lookup_farName_hasNoSuggestion() {
    PluginRegistry<GuideProvider> guides =
        PluginRegistry.of("guide", GuideProvider.class, List.of(new FakeGuideProvider()));
    String m = assertThrows(IllegalArgumentException.class, () -> guides.lookup("xyz")).getMessage();
    assertFalse(m.contains("Did you mean"), m);
    assertTrue(m.contains("Available guides: [fake-guide]"), m);
  }

  @Test
  void load_badName_isRejectedNamingTheClass() throws IOException {
    ClassLoader loader = withServices(ModelProvider.class, BadNameModelProvider.class);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> models(loader));
    assertEquals("model provider " + BadNameModelProvider.class.getName() + " has name 'Bad_Name', "
        + "which is not accepted: use lower-case letters, digits and '-', starting with a letter "
        + "(e.g. exp-gaussian)", e.getMessage());
  }

  @Test
  void load_duplicateName_namesBothClasses() throws IOException {
    ClassLoader loader = withServices(ModelProvider.class, DuplicateModelProvider.class);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> models(loader));
    assertEquals("Duplicate model name 'fake-model': provided by both "
        + FakeModelProvider.class.getName() + " and " + DuplicateModelProvider.class.getName(),
        e.getMessage());
  }

  @Test
  void of_reportsAllNameProblemsTogether() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginRegistry.of("model", ModelProvider.class, List.of(new FakeModelProvider(),
            new DuplicateModelProvider(), new BadNameModelProvider())));
    assertTrue(e.getMessage().startsWith("Invalid model providers:\n  - Duplicate model name"),
        e.getMessage());
    assertTrue(e.getMessage().contains("has name 'Bad_Name'"), e.getMessage());
  }

  @Test
  void load_failingProvider_isReportedAndOthersStillLoad() throws IOException {
    ClassLoader loader = withServices(ModelProvider.class, FailingModelProvider.class);
    PluginRegistry<ModelProvider> models = quietly(() -> models(loader));
    assertEquals(List.of(FakeModelProvider.NAME), models.available());
    assertEquals(1, models.failures().size());
    PluginLoadFailure f = models.failures().get(0);
    assertEquals(FailingModelProvider.class.getName(), f.className());
    assertTrue(f.message().contains("boom in constructor"), f.message());
    assertTrue(f.describe().startsWith("model provider " + FailingModelProvider.class.getName()
        + " could not be loaded"), f.describe());
    String unknown = assertThrows(IllegalArgumentException.class, () -> models.lookup("failing"))
        .getMessage();
    assertTrue(unknown.contains("Failed to load: [" + FailingModelProvider.class.getName() + "]"),
        unknown);
  }

  @Test
  void load_missingClass_isReportedAndOthersStillLoad() throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(ModelProvider.class.getName()), "org.example.NoSuchProvider\n");
    ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    PluginRegistry<ModelProvider> models = quietly(() -> models(loader));
    assertEquals(List.of(FakeModelProvider.NAME), models.available());
    assertEquals(1, models.failures().size());
    assertTrue(models.failures().get(0).message().contains("org.example.NoSuchProvider"),
        models.failures().get(0).message());
  }

  @Test
  void checkOptions_validatesAgainstTheProvidersSpecs() {
    PluginRegistry<ModelProvider> models =
        PluginRegistry.of("model", ModelProvider.class, List.of(new FakeModelProvider()));
    Options ok = models.checkOptions("Fake-Model", Options.of(Map.of("mean", "2.5")));
    assertEquals(2.5, ok.get(FakeModelProvider.MEAN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> models.checkOptions("fake-model", Options.of(Map.of("maen", "1"))));
    assertEquals("Unknown options for model 'fake-model': [maen]; accepted: [mean, size, support]; "
        + "did you mean 'mean' for 'maen'?", e.getMessage());
    assertEquals(1, models.problems("nope", Options.empty()).size());
  }

  /** Runs {@code body} with the registry's WARN logging switched off (no console output in tests). */
  private static <T> T quietly(java.util.function.Supplier<T> body) {
    org.slf4j.Logger logger = LoggerFactory.getLogger(PluginRegistry.class);
    if (logger instanceof ch.qos.logback.classic.Logger lb) {
      ch.qos.logback.classic.Level old = lb.getLevel();
      lb.setLevel(ch.qos.logback.classic.Level.OFF);
      try {
        return body.get();
      } finally {
        lb.setLevel(old);
      }
    }
    return body.get();
  }
}
