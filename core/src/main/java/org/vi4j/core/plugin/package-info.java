/**
 * Plugins: providers of the four SPI parts found by name with {@link java.util.ServiceLoader},
 * typed options, pipelines from names, and the Guice base module.
 *
 * <pre>{@code
 * // a plugin jar lists its provider in META-INF/services/org.vi4j.core.plugin.ModelProvider
 * Plugins plugins = Plugins.load(getClass().getClassLoader());
 * PipelineSpec spec = PipelineSpec.of("exp-gaussian", "normal", "reparam", "adam")
 *     .with("optimizer.lr", 0.05);
 * Pipeline plain = Pipeline.from(spec, plugins);                                  // no Guice
 * Model viaGuice = Guice.createInjector(new Vi4jModule(plugins, spec)).getInstance(Model.class);
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.vi4j.core.plugin.Provider} and its four sub-interfaces: a name
 *       ({@code ^[a-z][a-z0-9-]*$}, declared as {@code public static final String NAME}), a
 *       description, {@link org.vi4j.core.plugin.OptionSpec}s and {@code create}.
 *   <li>{@link org.vi4j.core.plugin.PluginRegistry}: one SPI's providers; duplicate names are an
 *       error naming both classes; unknown names list the known ones and the nearest match;
 *       providers that fail to instantiate are logged and skipped.
 *   <li>{@link org.vi4j.core.plugin.Options}: validated against a provider's specs before
 *       {@code create}; unknown keys are errors.
 *   <li>{@link org.vi4j.core.plugin.PipelineSpec} → {@link org.vi4j.core.plugin.Pipeline}:
 *       every problem reported in one {@link org.vi4j.core.plugin.PipelineException}.
 *   <li>{@link org.vi4j.core.plugin.Vi4jModule} and {@link org.vi4j.core.plugin.Vi4jBinders}:
 *       Guice wiring.
 * </ul>
 */
package org.vi4j.core.plugin;
