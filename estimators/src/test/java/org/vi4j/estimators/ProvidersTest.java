package org.vi4j.estimators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.EstimatorProvider;
import org.vi4j.core.plugin.OptionSpec;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.plugin.PluginRegistry;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.testing.Vi4jTestBase;
import org.vi4j.estimators.enumerate.EnumerateEstimator;
import org.vi4j.estimators.enumerate.EnumerateProvider;
import org.vi4j.estimators.gumbelsoftmax.GumbelSoftmaxEstimator;
import org.vi4j.estimators.gumbelsoftmax.GumbelSoftmaxProvider;
import org.vi4j.estimators.reparam.ReparamEstimator;
import org.vi4j.estimators.reparam.ReparamProvider;
import org.vi4j.estimators.reparamanalytic.ReparamAnalyticEstimator;
import org.vi4j.estimators.reparamanalytic.ReparamAnalyticProvider;
import org.vi4j.estimators.scorefunction.Baseline;
import org.vi4j.estimators.scorefunction.ScoreFunctionEstimator;
import org.vi4j.estimators.scorefunction.ScoreFunctionProvider;

/** The providers: names, options and defaults, the services file, and creation. */
class ProvidersTest extends Vi4jTestBase {

  private static PluginRegistry<EstimatorProvider> registry() {
    return PluginRegistry.load(Plugins.ESTIMATOR, EstimatorProvider.class,
        ProvidersTest.class.getClassLoader());
  }

  private static GradientEstimator create(String name, Map<String, ?> options) {
    PluginRegistry<EstimatorProvider> r = registry();
    return r.lookup(name).create(r.checkOptions(name, Options.of(options)));
  }

  @Test
  void servicesFile_listsExactlyTheThreeProviders() throws IOException {
    try (InputStream in = getClass().getResourceAsStream(
        "/META-INF/services/org.vi4j.core.plugin.EstimatorProvider")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(List.of(ReparamProvider.class.getName(), ReparamAnalyticProvider.class.getName(),
          ScoreFunctionProvider.class.getName(),
          org.vi4j.estimators.iwae.IwaeProvider.class.getName(),
          org.vi4j.estimators.closedform.ClosedFormProvider.class.getName(),
          org.vi4j.estimators.enumerate.EnumerateProvider.class.getName(),
          org.vi4j.estimators.gumbelsoftmax.GumbelSoftmaxProvider.class.getName()),
          text.strip().lines().toList());
    }
    List<String> loaded = ServiceLoader.load(EstimatorProvider.class).stream()
        .map(p -> p.get().name()).sorted().toList();
    assertTrue(loaded.containsAll(List.of("reparam", "reparam-analytic", "score-function",
        "enumerate", "gumbel-softmax")), loaded.toString());
  }

  @Test
  void names_matchTheirConstantsAndThePattern() {
    PluginRegistry<EstimatorProvider> r = registry();
    assertEquals(List.of(), r.failures());
    for (EstimatorProvider p : List.of(new ReparamProvider(), new ReparamAnalyticProvider(),
        new ScoreFunctionProvider(), new EnumerateProvider(), new GumbelSoftmaxProvider())) {
      assertTrue(PluginRegistry.NAME.matcher(p.name()).matches(), p.name());
      assertTrue(r.contains(p.name()), p.name());
      assertTrue(!p.description().isBlank(), p.name());
    }
    assertEquals("reparam", ReparamProvider.NAME);
    assertEquals("reparam-analytic", ReparamAnalyticProvider.NAME);
    assertEquals("score-function", ScoreFunctionProvider.NAME);
    assertEquals("enumerate", EnumerateProvider.NAME);
    assertEquals("gumbel-softmax", GumbelSoftmaxProvider.NAME);
    assertTrue(new GumbelSoftmaxProvider().description().contains("BIASED"));
  }

  @Test
  void defaults_areDeclaredOnceAndUsedByCreate() {
    assertEquals(List.of(ReparamProvider.PARTICLES), new ReparamProvider().options());
    assertEquals(List.of(ReparamAnalyticProvider.PARTICLES), new ReparamAnalyticProvider().options());
    assertEquals(List.of(ScoreFunctionProvider.PARTICLES, ScoreFunctionProvider.BASELINE,
        ScoreFunctionProvider.DECAY, ScoreFunctionProvider.ANALYTIC_KL,
        ScoreFunctionProvider.BASELINE_HIDDEN, ScoreFunctionProvider.BASELINE_LR,
        ScoreFunctionProvider.NORMALIZE), new ScoreFunctionProvider().options());
    assertEquals(List.of(EnumerateProvider.MAX_K), new EnumerateProvider().options());
    assertEquals(List.of(GumbelSoftmaxProvider.PARTICLES, GumbelSoftmaxProvider.TEMPERATURE,
        GumbelSoftmaxProvider.STRAIGHT_THROUGH), new GumbelSoftmaxProvider().options());

    ReparamEstimator reparam = assertInstanceOf(ReparamEstimator.class,
        create("reparam", Map.of()));
    assertEquals(1, reparam.particles());
    ReparamAnalyticEstimator analytic = assertInstanceOf(ReparamAnalyticEstimator.class,
        create("reparam-analytic", Map.of()));
    assertEquals(1, analytic.particles());
    ScoreFunctionEstimator score = assertInstanceOf(ScoreFunctionEstimator.class,
        create("score-function", Map.of()));
    assertEquals(10, score.particles());
    assertEquals(Baseline.LEAVE_ONE_OUT, score.baseline());
    assertEquals(0.9, score.decay());
    assertEquals(false, score.analyticKl());
    assertEquals(100, score.baselineHidden());
    assertEquals(1e-3, score.baselineLearningRate());
    assertEquals(true, score.normalize());
    EnumerateEstimator exact = assertInstanceOf(EnumerateEstimator.class,
        create("enumerate", Map.of()));
    assertEquals(12, exact.maxK());
    GumbelSoftmaxEstimator relaxed = assertInstanceOf(GumbelSoftmaxEstimator.class,
        create("gumbel-softmax", Map.of()));
    assertEquals(1, relaxed.particles());
    assertEquals(0.5, relaxed.temperature());
    assertEquals(false, relaxed.straightThrough());
  }

  @Test
  void create_readsOptionsGivenAsStrings() {
    ReparamEstimator reparam = (ReparamEstimator) create("reparam", Map.of("particles", "16"));
    assertEquals(16, reparam.particles());
    ScoreFunctionEstimator score = (ScoreFunctionEstimator) create("score-function",
        Map.of("particles", "4", "baseline", "moving-average", "decay", "0.5"));
    assertEquals(4, score.particles());
    assertEquals(Baseline.MOVING_AVERAGE, score.baseline());
    assertEquals(0.5, score.decay());
    ScoreFunctionEstimator nvil = (ScoreFunctionEstimator) create("score-function",
        Map.of("baseline", "nvil", "particles", "1", "analytic-kl", "true", "baseline-hidden", "20",
            "baseline-lr", "0.01", "normalize", "false"));
    assertEquals(Baseline.NVIL, nvil.baseline());
    assertEquals(1, nvil.particles());
    assertTrue(nvil.analyticKl());
    assertEquals(20, nvil.baselineHidden());
    assertEquals(0.01, nvil.baselineLearningRate());
    assertEquals(false, nvil.normalize());
    assertEquals(5, ((EnumerateEstimator) create("enumerate", Map.of("max-k", "5"))).maxK());
    GumbelSoftmaxEstimator st = (GumbelSoftmaxEstimator) create("gumbel-softmax",
        Map.of("temperature", "0.2", "straight-through", "true", "particles", "3"));
    assertEquals(0.2, st.temperature());
    assertTrue(st.straightThrough());
    assertEquals(3, st.particles());
  }

  @Test
  void create_refusesUnknownAndOutOfRangeOptions() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> create("reparam", Map.of("particle", "3")));
    assertTrue(unknown.getMessage().contains("Unknown options for estimator 'reparam': [particle]")
        && unknown.getMessage().contains("did you mean 'particles'"), unknown.getMessage());
    IllegalArgumentException decay = assertThrows(IllegalArgumentException.class,
        () -> create("score-function", Map.of("decay", "1")));
    assertTrue(decay.getMessage().contains("in [0, 1)"), decay.getMessage());
    IllegalArgumentException baseline = assertThrows(IllegalArgumentException.class,
        () -> create("score-function", Map.of("baseline", "average")));
    assertTrue(baseline.getMessage().contains("[none, moving-average, leave-one-out, nvil]"),
        baseline.getMessage());
    IllegalArgumentException maxK = assertThrows(IllegalArgumentException.class,
        () -> create("enumerate", Map.of("max-k", "31")));
    assertTrue(maxK.getMessage().contains("in [1, 30]"), maxK.getMessage());
    IllegalArgumentException tau = assertThrows(IllegalArgumentException.class,
        () -> create("gumbel-softmax", Map.of("temperature", "0")));
    assertTrue(tau.getMessage().contains("> 0"), tau.getMessage());
    IllegalArgumentException particles = assertThrows(IllegalArgumentException.class,
        () -> create("reparam-analytic", Map.of("particles", "0")));
    assertTrue(particles.getMessage().contains("> 0"), particles.getMessage());
  }

  @Test
  void create_refusesLeaveOneOutWithOneParticle() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create("score-function", Map.of("particles", 1)));
    assertTrue(e.getMessage().contains("leave-one-out needs particles >= 2")
        && e.getMessage().contains("baseline none or moving-average"), e.getMessage());
    ScoreFunctionEstimator ok = (ScoreFunctionEstimator) create("score-function",
        Map.of("particles", 1, "baseline", "none"));
    assertEquals(1, ok.particles());
  }

  @Test
  void optionSpecs_describeThemselves() {
    for (OptionSpec<?> s : new ScoreFunctionProvider().options()) {
      assertTrue(s.describe().startsWith(s.key() + " ("), s.describe());
    }
  }
}
