package org.vi4j.core.plugin;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import org.vi4j.core.spi.FitListener;

/**
 * One-line helpers that add plugins and listeners to Guice map and set bindings (Apache Druid's
 * {@code SqlBindings} style), so a module never touches a {@link MapBinder} directly.
 *
 * <pre>{@code
 * public final class ExtraModelsModule extends AbstractModule {
 *   protected void configure() {
 *     Vi4jBinders.addModel(binder(), ExpGaussianProvider.NAME, ExpGaussianProvider.class);
 *     Vi4jBinders.addListener(binder(), CsvTraceListener.class);
 *   }
 * }
 * // injectable: Map<String, ModelProvider>, Map<String, GuideProvider>, ..., Set<FitListener>
 * }</pre>
 *
 * <p><strong>Names must be distinct per kind.</strong> Binding the same name twice (in any modules)
 * fails injector creation with Guice's "Duplicate key" error. {@link Vi4jModule} already copies
 * every provider found by {@link java.util.ServiceLoader} into these maps: use the helpers only for
 * providers that are not listed in a services file. The name given must equal the provider's
 * {@link Provider#name()}; {@link Vi4jModule} checks this when it builds the pipeline.
 */
public final class Vi4jBinders {

  private Vi4jBinders() {
  }

  /** The {@code Map<String, ModelProvider>} binder. */
  public static MapBinder<String, ModelProvider> models(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, ModelProvider.class);
  }

  /** The {@code Map<String, GuideProvider>} binder. */
  public static MapBinder<String, GuideProvider> guides(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, GuideProvider.class);
  }

  /** The {@code Map<String, EstimatorProvider>} binder. */
  public static MapBinder<String, EstimatorProvider> estimators(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, EstimatorProvider.class);
  }

  /** The {@code Map<String, OptimizerProvider>} binder. */
  public static MapBinder<String, OptimizerProvider> optimizers(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, OptimizerProvider.class);
  }

  /** The {@code Set<FitListener>} binder (binding it makes an empty set injectable). */
  public static Multibinder<FitListener> listeners(Binder binder) {
    return Multibinder.newSetBinder(binder, FitListener.class);
  }

  /** Adds a model provider instance under {@code name}. */
  public static void addModel(Binder binder, String name, ModelProvider provider) {
    models(binder).addBinding(checkName("model", name)).toInstance(provider);
  }

  /** Adds a model provider class (constructed by Guice) under {@code name}. */
  public static void addModel(Binder binder, String name, Class<? extends ModelProvider> provider) {
    models(binder).addBinding(checkName("model", name)).to(provider);
  }

  /** Adds a guide provider instance under {@code name}. */
  public static void addGuide(Binder binder, String name, GuideProvider provider) {
    guides(binder).addBinding(checkName("guide", name)).toInstance(provider);
  }

  /** Adds a guide provider class under {@code name}. */
  public static void addGuide(Binder binder, String name, Class<? extends GuideProvider> provider) {
    guides(binder).addBinding(checkName("guide", name)).to(provider);
  }

  /** Adds an estimator provider instance under {@code name}. */
  public static void addEstimator(Binder binder, String name, EstimatorProvider provider) {
    estimators(binder).addBinding(checkName("estimator", name)).toInstance(provider);
  }

  /** Adds an estimator provider class under {@code name}. */
  public static void addEstimator(Binder binder, String name,
      Class<? extends EstimatorProvider> provider) {
    estimators(binder).addBinding(checkName("estimator", name)).to(provider);
  }

  /** Adds an optimizer provider instance under {@code name}. */
  public static void addOptimizer(Binder binder, String name, OptimizerProvider provider) {
    optimizers(binder).addBinding(checkName("optimizer", name)).toInstance(provider);
  }

  /** Adds an optimizer provider class under {@code name}. */
  public static void addOptimizer(Binder binder, String name,
      Class<? extends OptimizerProvider> provider) {
    optimizers(binder).addBinding(checkName("optimizer", name)).to(provider);
  }

  /** Adds a listener instance to {@code Set<FitListener>}. */
  public static void addListener(Binder binder, FitListener listener) {
    listeners(binder).addBinding().toInstance(listener);
  }

  /** Adds a listener class (constructed by Guice) to {@code Set<FitListener>}. */
  public static void addListener(Binder binder, Class<? extends FitListener> listener) {
    listeners(binder).addBinding().to(listener);
  }

  private static String checkName(String kind, String name) {
    if (name == null || !PluginRegistry.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(kind + " name '" + name
          + "' is not accepted: use lower-case letters, digits and '-', starting with a letter");
    }
    return name;
  }
}
