package org.vi4j.core.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.vi4j.core.spi.GradientEstimator;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.core.spi.VariationalFamily;

/**
 * The four plugin registries together: models, guides, estimators, optimizers.
 *
 * <pre>{@code
 * Plugins plugins = Plugins.load(Thread.currentThread().getContextClassLoader());
 * plugins.models().available();                                  // sorted names
 * Model m = plugins.createModel("exp-gaussian", Options.of(Map.of("x", "2")));
 * Pipeline p = Pipeline.from(PipelineSpec.of("exp-gaussian", "normal", "reparam", "adam"), plugins);
 * }</pre>
 *
 * <p>The {@code create…} methods look the provider up, <strong>validate the options against its
 * {@link Provider#options()} first</strong>, and then call its {@code create}. Immutable.
 *
 * @param models the model providers
 * @param guides the guide (variational family) providers
 * @param estimators the gradient-estimator providers
 * @param optimizers the optimizer providers
 */
public record Plugins(PluginRegistry<ModelProvider> models, PluginRegistry<GuideProvider> guides,
    PluginRegistry<EstimatorProvider> estimators, PluginRegistry<OptimizerProvider> optimizers) {

  /** Registry kinds, as used in messages and in {@link PipelineSpec} option keys. */
  public static final String MODEL = "model";
  public static final String GUIDE = "guide";
  public static final String ESTIMATOR = "estimator";
  public static final String OPTIMIZER = "optimizer";

  /** Checks for nulls. */
  public Plugins {
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(guides, "guides");
    Objects.requireNonNull(estimators, "estimators");
    Objects.requireNonNull(optimizers, "optimizers");
  }

  /**
   * Every provider listed in {@code META-INF/services/org.vi4j.core.plugin.*Provider} visible to
   * {@code loader}.
   *
   * @throws IllegalArgumentException on invalid or duplicate names in any registry
   */
  public static Plugins load(ClassLoader loader) {
    return new Plugins(
        PluginRegistry.load(MODEL, ModelProvider.class, loader),
        PluginRegistry.load(GUIDE, GuideProvider.class, loader),
        PluginRegistry.load(ESTIMATOR, EstimatorProvider.class, loader),
        PluginRegistry.load(OPTIMIZER, OptimizerProvider.class, loader));
  }

  /** Exactly the given providers (tests, plugins added in code). */
  public static Plugins of(Collection<? extends ModelProvider> models,
      Collection<? extends GuideProvider> guides, Collection<? extends EstimatorProvider> estimators,
      Collection<? extends OptimizerProvider> optimizers) {
    return new Plugins(
        PluginRegistry.of(MODEL, ModelProvider.class, models),
        PluginRegistry.of(GUIDE, GuideProvider.class, guides),
        PluginRegistry.of(ESTIMATOR, EstimatorProvider.class, estimators),
        PluginRegistry.of(OPTIMIZER, OptimizerProvider.class, optimizers));
  }

  /** Load failures of all four registries. */
  public List<PluginLoadFailure> failures() {
    List<PluginLoadFailure> all = new ArrayList<>(models.failures());
    all.addAll(guides.failures());
    all.addAll(estimators.failures());
    all.addAll(optimizers.failures());
    return List.copyOf(all);
  }

  /** A model from its provider, options validated first. */
  public Model createModel(String name, Options options) {
    return models.lookup(name).create(models.checkOptions(name, options));
  }

  /** A guide for {@code model} from its provider, options validated first. */
  public VariationalFamily createGuide(String name, Model model, Options options) {
    return guides.lookup(name).create(model, guides.checkOptions(name, options));
  }

  /** An estimator from its provider, options validated first. */
  public GradientEstimator createEstimator(String name, Options options) {
    return estimators.lookup(name).create(estimators.checkOptions(name, options));
  }

  /** An optimizer from its provider, options validated first. */
  public Optimizer createOptimizer(String name, Options options) {
    return optimizers.lookup(name).create(optimizers.checkOptions(name, options));
  }
}
