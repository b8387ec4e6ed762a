package org.vi4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.fakes.FakeEstimatorProvider.FakeEstimator;
import org.vi4j.core.plugin.fakes.FakeModelProvider;
import org.vi4j.core.plugin.fakes.FakeModelProvider.FakeModel;
import org.vi4j.core.plugin.fakes.FakeOptimizerProvider.FakeOptimizer;
import org.vi4j.core.spi.FitListener;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.StepReport;
import org.vi4j.core.spi.VariationalFamily;

class Vi4jModuleTest {

  private final Plugins plugins = Plugins.load(getClass().getClassLoader());
  private final PipelineSpec spec =
      PipelineSpec.of("fake-model", "fake-guide", "fake-estimator", "fake-sgd");

  static final class CountingListener implements FitListener {
    int steps;

    @Override
    public void onStep(StepReport report) {
      steps++;
    }
  }

  @Test
  void injector_buildsThePipelineFromNames() {
    Injector injector = Guice.createInjector(new Vi4jModule(plugins,
        spec.with("model.mean", -1.5).with("optimizer.lr", 0.05).with("estimator.particles", 3)));
    Model model = injector.getInstance(Model.class);
    assertEquals(-1.5, assertInstanceOf(FakeModel.class, model).mean());
    assertEquals(0.05, assertInstanceOf(FakeOptimizer.class, injector.getInstance(Optimizer.class)).lr());
    assertEquals(3, assertInstanceOf(FakeEstimator.class,
        injector.getInstance(GradientEstimator.class)).particles());
    assertSame(model, injector.getInstance(Model.class));
    assertSame(injector.getInstance(VariationalFamily.class), injector.getInstance(Pipeline.class).guide());
    assertSame(plugins, injector.getInstance(Plugins.class));
  }

  @Test
  void injector_bindsEveryProviderInTheMaps() {
    Injector injector = Guice.createInjector(new Vi4jModule(plugins, spec));
    Map<String, GuideProvider> guides =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, GuideProvider>>() {}));
    assertEquals(Set.of("fake-guide", "fake-bernoulli"), guides.keySet());
    Map<String, ModelProvider> models =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, ModelProvider>>() {}));
    assertInstanceOf(FakeModelProvider.class, models.get("fake-model"));
  }

  @Test
  void specWithTwoUnknownNames_reportsBothInOneException() {
    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(
        new Vi4jModule(plugins, PipelineSpec.of("fake-model", "fake-giude", "fake-estimator", "sdg")
            .with("model.colour", "red"))));
    assertEquals(1, e.getErrorMessages().size());
    String m = e.getMessage();
    assertTrue(m.contains("3 problems\n"
        + "  1) Unknown options for model 'fake-model': [colour]; accepted: [mean, size, support]\n"
        + "  2) Unknown guide 'fake-giude'. Did you mean 'fake-guide'?"), m);
    assertTrue(m.contains("  3) Unknown optimizer 'sdg'. Available optimizers: [fake-sgd]."), m);
    PipelineException cause = assertInstanceOf(PipelineException.class,
        e.getErrorMessages().iterator().next().getCause());
    assertEquals(3, cause.problems().size());
  }

  @Test
  void listeners_areInjectableAsASet() {
    CountingListener a = new CountingListener();
    Injector injector = Guice.createInjector(new Vi4jModule(plugins, spec), new AbstractModule() {
      @Override
      protected void configure() {
        Vi4jBinders.addListener(binder(), a);
        Vi4jBinders.addListener(binder(), CountingListener.class);
      }
    });
    Set<FitListener> listeners = injector.getInstance(Key.get(new TypeLiteral<Set<FitListener>>() {}));
    assertEquals(2, listeners.size());
    assertTrue(listeners.contains(a));
    Set<FitListener> none = Guice.createInjector(new Vi4jModule(plugins, spec))
        .getInstance(Key.get(new TypeLiteral<Set<FitListener>>() {}));
    assertTrue(none.isEmpty());
  }

  @Test
  void anExtraModuleBindingAKnownNameAgain_failsWithGuicesDuplicateKey() {
    CreationException e = assertThrows(CreationException.class, () -> Guice.createInjector(
        new Vi4jModule(plugins, spec), new AbstractModule() {
          @Override
          protected void configure() {
            Vi4jBinders.addModel(binder(), FakeModelProvider.NAME, new FakeModelProvider());
          }
        }));
    assertTrue(e.getMessage().contains("Duplicate key \"fake-model\" found in Map<String, "
        + "ModelProvider>."), e.getMessage());
  }

  @Test
  void anExtraModuleCanAddAProviderNotInServicesFiles() {
    ModelProvider extra = new ModelProvider() {
      @Override
      public String name() {
        return "extra-model";
      }

      @Override
      public String description() {
        return "added by a module";
      }

      @Override
      public Model create(Options options) {
        return new FakeModelProvider().create(Options.empty()
            .checkedFor("model 'fake-model'", new FakeModelProvider().options()));
      }
    };
    Injector injector = Guice.createInjector(
        new Vi4jModule(plugins, PipelineSpec.of("extra-model", "fake-guide", "fake-estimator", "fake-sgd")),
        new AbstractModule() {
          @Override
          protected void configure() {
            Vi4jBinders.addModel(binder(), "extra-model", extra);
          }
        });
    assertInstanceOf(FakeModel.class, injector.getInstance(Model.class));
  }
}
