package org.vi4j.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The Guice base module: binds the plugin registries and, from a {@link PipelineSpec}, the four
 * parts of a fit.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.load(getClass().getClassLoader());
 * PipelineSpec spec = PipelineSpec.of("poisson-gamma", "gamma", "reparam", "adam")
 *     .with("optimizer.lr", 0.2);
 * Injector injector = Guice.createInjector(new Vi4jModule(plugins, spec), new MyListenersModule());
 * Model model = injector.getInstance(Model.class);
 * Set<FitListener> listeners = injector.getInstance(new Key<Set<FitListener>>() {});
 * }</pre>
 *
 * <p><strong>Bindings.</strong>
 * <ul>
 *   <li>{@link Plugins} — the registries given (with their load failures);
 *   <li>{@code Map<String, ModelProvider>}, {@code Map<String, GuideProvider>},
 *       {@code Map<String, EstimatorProvider>}, {@code Map<String, OptimizerProvider>} — every
 *       provider of {@code plugins}, plus any other module adds with {@link Vi4jBinders};
 *   <li>{@code Set<FitListener>} — empty unless modules add listeners with
 *       {@link Vi4jBinders#addListener};
 *   <li>{@link PipelineSpec} — the spec given;
 *   <li>{@link Pipeline} — an eager singleton built by {@link Pipeline#from} over the maps above;
 *   <li>{@link Model}, {@link VariationalFamily}, {@link GradientEstimator}, {@link Optimizer} —
 *       the pipeline's parts (one instance each per injector).
 * </ul>
 *
 * <p><strong>Every problem with the spec is reported in one exception</strong>: the pipeline is
 * built eagerly, so {@code Guice.createInjector} fails with a {@link com.google.inject.CreationException}
 * whose message holds the {@link PipelineException}'s full list (unknown names with the nearest
 * match, unknown options with the accepted keys, unsupported latents, incompatible parts).
 *
 * <p>The module does no I/O, keeps no static state and has no conditional bindings: loading
 * plugins happens before, in {@link Plugins#load}.
 */
public final class Vi4jModule extends AbstractModule {

  private final Plugins plugins;
  private final PipelineSpec spec;

  /** A module binding {@code plugins} and the pipeline {@code spec} names. */
  public Vi4jModule(Plugins plugins, PipelineSpec spec) {
    this.plugins = Objects.requireNonNull(plugins, "plugins");
    this.spec = Objects.requireNonNull(spec, "spec");
  }

  @Override
  protected void configure() {
    bind(Plugins.class).toInstance(plugins);
    bind(PipelineSpec.class).toInstance(spec);
    plugins.models().providers().forEach(p -> Vi4jBinders.addModel(binder(), p.name(), p));
    plugins.guides().providers().forEach(p -> Vi4jBinders.addGuide(binder(), p.name(), p));
    plugins.estimators().providers().forEach(p -> Vi4jBinders.addEstimator(binder(), p.name(), p));
    plugins.optimizers().providers().forEach(p -> Vi4jBinders.addOptimizer(binder(), p.name(), p));
    Vi4jBinders.listeners(binder());
    bind(Pipeline.class).toProvider(PipelineProvider.class).asEagerSingleton();
  }

  @Provides
  Model model(Pipeline pipeline) {
    return pipeline.model();
  }

  @Provides
  VariationalFamily guide(Pipeline pipeline) {
    return pipeline.guide();
  }

  @Provides
  GradientEstimator estimator(Pipeline pipeline) {
    return pipeline.estimator();
  }

  @Provides
  Optimizer optimizer(Pipeline pipeline) {
    return pipeline.optimizer();
  }

  /** Builds the pipeline from the bound provider maps (ServiceLoader plus module additions). */
  static final class PipelineProvider implements Provider<Pipeline> {
    private final Plugins plugins;
    private final PipelineSpec spec;

    @Inject
    PipelineProvider(Plugins loaded, PipelineSpec spec, Map<String, ModelProvider> models,
        Map<String, GuideProvider> guides, Map<String, EstimatorProvider> estimators,
        Map<String, OptimizerProvider> optimizers) {
      this.spec = spec;
      this.plugins = new Plugins(
          registry(loaded.models(), models),
          registry(loaded.guides(), guides),
          registry(loaded.estimators(), estimators),
          registry(loaded.optimizers(), optimizers));
    }

    private static <P extends org.vi4j.core.plugin.Provider> PluginRegistry<P> registry(
        PluginRegistry<P> loaded, Map<String, P> bound) {
      List<String> mismatched = new ArrayList<>();
      bound.forEach((key, p) -> {
        if (!key.equals(p.name())) {
          mismatched.add("'" + key + "' → " + p.getClass().getName() + " (name() is '" + p.name() + "')");
        }
      });
      if (!mismatched.isEmpty()) {
        throw new IllegalStateException(loaded.kind() + " providers bound under a name that is not "
            + "their name(): " + mismatched);
      }
      Collection<P> providers = bound.values();
      return PluginRegistry.of(loaded.kind(), loaded.type(), providers, loaded.failures());
    }

    @Override
    public Pipeline get() {
      return Pipeline.from(spec, plugins);
    }
  }
}
