package org.vi4j.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.Plugins;

class DemosTest {

  @Test
  void listsTheShippedModelsDemos() {
    assertTrue(Demos.names().containsAll(List.of("exp-gaussian", "poisson-gamma",
        "laplace-mixture", "gaussian-mixture")), Demos.names().toString());
    assertEquals(Demos.names(), Demos.all().stream().map(Demo::name).toList());
    Demos.all().forEach(d -> assertFalse(d.description().isBlank(), d.name()));
    assertThrows(UnsupportedOperationException.class, () -> Demos.all().add(Demos.EXP_GAUSSIAN));
  }

  @Test
  void getsByName() {
    assertSame(Demos.POISSON_GAMMA, Demos.get("poisson-gamma"));
    assertSame(Demos.EXP_GAUSSIAN, Demos.get("exp-gaussian"));
  }

  @Test
  void unknownNameListsTheKnownOnesAndSuggests() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Demos.get("poison-gamma"));
    assertTrue(e.getMessage().contains("'poison-gamma'"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean 'poisson-gamma'?"), e.getMessage());
    assertTrue(e.getMessage().contains("[exp-gaussian, poisson-gamma"), e.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> Demos.get("zzz"));
    assertFalse(none.getMessage().contains("Did you mean"), none.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Demos.get(null));
  }

  /** Every demo's four parts and their options build; the run.* settings are the documented ones. */
  @Test
  void everyDemoBuildsAPipeline() {
    Plugins plugins = Plugins.load(getClass().getClassLoader());
    for (Demo d : Demos.all()) {
      Pipeline p = Pipeline.from(d.spec(), plugins);
      assertEquals(d.name(), d.spec().model());
      assertFalse(p.guide().parameters().isEmpty(), d.name());
      for (String key : List.of(Demos.STEPS, Demos.AVERAGE_LAST, Demos.SEED,
          Demos.EVAL_PARTICLES)) {
        Double.parseDouble(d.spec().options().get(key));
      }
    }
    assertEquals("5000", Demos.POISSON_GAMMA.spec().options().get(Demos.STEPS));
    assertEquals("0.2", Demos.POISSON_GAMMA.spec().options().get("optimizer.lr"));
    assertEquals("128", Demos.POISSON_GAMMA.spec().options().get("estimator.particles"));
    assertEquals("0.2", Demos.POISSON_GAMMA.spec().options().get(Demos.AVERAGE_LAST));
    assertEquals("3000", Demos.EXP_GAUSSIAN.spec().options().get(Demos.STEPS));
    assertEquals("0.02", Demos.EXP_GAUSSIAN.spec().options().get("optimizer.lr"));
    assertEquals("16", Demos.EXP_GAUSSIAN.spec().options().get("estimator.particles"));
    assertEquals("0.5", Demos.EXP_GAUSSIAN.spec().options().get(Demos.AVERAGE_LAST));
  }

  /** lda runs cavi by plugin names on the generated corpus, with the closed-form ELBO. */
  @Test
  void theLdaDemoRunsCaviByName() {
    assertSame(Demos.LDA, Demos.get("lda"));
    assertEquals(List.of("lda", "lda", "closed-form", "cavi"), List.of(Demos.LDA.spec().model(),
        Demos.LDA.spec().guide(), Demos.LDA.spec().estimator(), Demos.LDA.spec().optimizer()));
    assertEquals("30", Demos.LDA.spec().options().get(Demos.STEPS));
  }

  /** The mixture demos keep the best of several restarts; gaussian-mixture runs CAVI by name. */
  @Test
  void theMixtureDemosUseRestarts() {
    assertEquals("3", Demos.LAPLACE_MIXTURE.spec().options().get(Demos.RESTARTS));
    assertEquals("10", Demos.GAUSSIAN_MIXTURE.spec().options().get(Demos.RESTARTS));
    assertEquals("cavi", Demos.GAUSSIAN_MIXTURE.spec().optimizer());
    assertEquals("gaussian-mixture-elbo", Demos.GAUSSIAN_MIXTURE.spec().estimator());
    assertSame(Demos.LAPLACE_MIXTURE, Demos.get("laplace-mixture"));
  }
}
