package org.vi4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.OptimizerProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.plugin.PluginRegistry;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.optimizers.adagrad.Adagrad;
import org.vi4j.optimizers.adagrad.AdagradProvider;
import org.vi4j.optimizers.adam.Adam;
import org.vi4j.optimizers.adam.AdamProvider;
import org.vi4j.optimizers.cavi.Cavi;
import org.vi4j.optimizers.cavi.CaviProvider;
import org.vi4j.optimizers.clippedadam.ClippedAdam;
import org.vi4j.optimizers.clippedadam.ClippedAdamProvider;
import org.vi4j.optimizers.rmsprop.RmsProp;
import org.vi4j.optimizers.rmsprop.RmsPropProvider;
import org.vi4j.optimizers.schedule.ConstantRate;
import org.vi4j.optimizers.schedule.RobbinsMonro;
import org.vi4j.optimizers.sgd.Sgd;
import org.vi4j.optimizers.sgd.SgdProvider;

/** The optimizer providers as {@link ServiceLoader} and the registry see them. */
class ProvidersTest extends Vi4jTestBase {

  private static final String SERVICES =
      "META-INF/services/org.vi4j.core.plugin.OptimizerProvider";

  private static final List<Class<? extends OptimizerProvider>> ALL = List.of(SgdProvider.class,
      AdamProvider.class, AdagradProvider.class, RmsPropProvider.class, ClippedAdamProvider.class,
      CaviProvider.class, org.vi4j.optimizers.em.EmProvider.class,
      org.vi4j.optimizers.svi.SviProvider.class);

  private final PluginRegistry<OptimizerProvider> registry =
      PluginRegistry.load("optimizer", OptimizerProvider.class, getClass().getClassLoader());

  @Test
  void everyProviderIsListedAndLoads() throws IOException {
    Set<String> listed = new HashSet<>();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(SERVICES)) {
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(listed::add);
    }
    assertEquals(ALL.stream().map(Class::getName).collect(Collectors.toSet()), listed);
    Set<Class<?>> loaded = ServiceLoader.load(OptimizerProvider.class).stream()
        .map(ServiceLoader.Provider::type).collect(Collectors.toSet());
    assertTrue(loaded.containsAll(ALL), "ServiceLoader found " + loaded);
    assertEquals(List.of(), registry.failures());
  }

  @Test
  void namesAreTheNameConstants() throws ReflectiveOperationException {
    for (Class<? extends OptimizerProvider> c : ALL) {
      OptimizerProvider p = c.getDeclaredConstructor().newInstance();
      assertEquals(c.getField("NAME").get(null), p.name(), c.getName());
      assertTrue(PluginRegistry.NAME.matcher(p.name()).matches(), p.name());
      assertTrue(!p.description().isBlank(), c.getName());
      List<String> keys = p.options().stream().map(OptionSpec::key).toList();
      assertEquals(keys.size(), new HashSet<>(keys).size(), "duplicate option keys " + keys);
    }
    assertTrue(registry.available().containsAll(
        List.of("adagrad", "adam", "cavi", "clipped-adam", "rmsprop", "sgd")), registry.toString());
  }

  @Test
  void defaults() {
    Sgd sgd = assertInstanceOf(Sgd.class, create("sgd", Map.of()));
    assertEquals(0.01, sgd.learningRate());
    assertEquals(0.0, sgd.momentum());
    assertEquals(false, sgd.nesterov());
    assertEquals(new ConstantRate(), sgd.schedule());

    Adam adam = assertInstanceOf(Adam.class, create("adam", Map.of()));
    assertEquals(List.of(1e-3, 0.9, 0.999, 1e-8),
        List.of(adam.learningRate(), adam.beta1(), adam.beta2(), adam.eps()));

    Adagrad ada = assertInstanceOf(Adagrad.class, create("adagrad", Map.of()));
    assertEquals(List.of(0.01, 1e-10, 0.0),
        List.of(ada.learningRate(), ada.eps(), ada.initialAccumulator()));

    RmsProp rms = assertInstanceOf(RmsProp.class, create("rmsprop", Map.of()));
    assertEquals(List.of(0.01, 0.99, 1e-8, 0.0),
        List.of(rms.learningRate(), rms.alpha(), rms.eps(), rms.momentum()));
    assertEquals(false, rms.centered());

    ClippedAdam ca = assertInstanceOf(ClippedAdam.class, create("clipped-adam", Map.of()));
    assertEquals(List.of(1e-3, 0.9, 0.999, 1e-8, 10.0, 1.0), List.of(ca.learningRate(),
        ca.beta1(), ca.beta2(), ca.eps(), ca.clipNorm(), ca.lrd()));

    assertEquals(1.0, assertInstanceOf(Cavi.class, create("cavi", Map.of())).rho());
  }

  @Test
  void optionsFromStrings() {
    Adam adam = assertInstanceOf(Adam.class, create("adam", Map.of("lr", "0.2", "beta1", "0.5",
        "schedule", "robbins-monro", "tau", "4", "kappa", "0.8")));
    assertEquals(0.2, adam.learningRate());
    assertEquals(0.5, adam.beta1());
    assertEquals(new RobbinsMonro(4, 0.8), adam.schedule());
    Sgd sgd = assertInstanceOf(Sgd.class, create("SGD", Map.of("momentum", "0.9",
        "nesterov", "true")));
    assertTrue(sgd.nesterov());
    assertEquals(0.25, assertInstanceOf(Cavi.class, create("cavi", Map.of("rho", 0.25))).rho());
  }

  @Test
  void unknownAndBadOptionsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create("adam", Map.of("learning-rate", "0.1")));
    assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
    assertTrue(e.getMessage().contains("optimizer 'adam'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> create("cavi", Map.of("lr", "0.1")));
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> create("adam", Map.of("beta2", "1")));
    assertTrue(e.getMessage().contains("in [0, 1)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> create("cavi", Map.of("rho", "0")));
    assertTrue(e.getMessage().contains("in (0, 1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> create("sgd", Map.of("nesterov", "true")));
    assertTrue(e.getMessage().contains("nesterov=true needs momentum > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> create("rmsprop", Map.of("gamma", "0.9")));
    assertTrue(e.getMessage().contains("'gamma' applies only to schedule=exponential"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> create("adma", Map.of()));
    assertTrue(e.getMessage().contains("adam"), e.getMessage());
  }

  @Test
  void sviDefaultsAndOptions() {
    org.vi4j.optimizers.svi.Svi svi = assertInstanceOf(org.vi4j.optimizers.svi.Svi.class,
        create("svi", Map.of()));
    assertEquals(List.of(10.0, 0.7, 0.0), List.of(svi.tau0(), svi.kappa(), (double) svi.threads()));
    svi = assertInstanceOf(org.vi4j.optimizers.svi.Svi.class,
        create("svi", Map.of("tau0", "0", "kappa", "1", "threads", "3")));
    assertEquals(List.of(0.0, 1.0, 3.0), List.of(svi.tau0(), svi.kappa(), (double) svi.threads()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create("svi", Map.of("kappa", "0.5")));
    assertTrue(e.getMessage().contains("in (0.5, 1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> create("svi", Map.of("tau0", "-1")));
    assertTrue(e.getMessage().contains("tau0"), e.getMessage());
    assertEquals(2, assertInstanceOf(Cavi.class, create("cavi", Map.of("threads", 2))).threads());
    assertEquals(0, assertInstanceOf(Cavi.class, create("cavi", Map.of())).threads());
  }

  private Optimizer create(String name, Map<String, ?> raw) {
    Plugins plugins = Plugins.of(List.of(), List.of(), List.of(), registry.providers());
    return plugins.createOptimizer(name, Options.of(raw));
  }
}
