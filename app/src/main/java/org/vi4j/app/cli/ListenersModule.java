package org.vi4j.app.cli;

import com.google.inject.AbstractModule;
import java.util.List;
import org.vi4j.core.plugin.Vi4jBinders;
import org.vi4j.core.spi.FitListener;

/**
 * Binds the command's fit listeners (progress) into {@code Set<FitListener>} through
 * {@link Vi4jBinders#addListener}, next to {@link org.vi4j.core.plugin.Vi4jModule}.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new Vi4jModule(plugins, spec),
 *     new ListenersModule(List.of(progress)));
 * Set<FitListener> listeners = injector.getInstance(FitRunner.LISTENERS);
 * }</pre>
 *
 * <p><strong>Bindings:</strong> each listener given, as an instance, in {@code Set<FitListener>}.
 * No I/O, no state beyond the list, no conditional bindings.
 */
final class ListenersModule extends AbstractModule {

  private final List<FitListener> listeners;

  /** A module adding {@code listeners} to the multibinding. */
  ListenersModule(List<? extends FitListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  protected void configure() {
    Vi4jBinders.listeners(binder());
    listeners.forEach(l -> Vi4jBinders.addListener(binder(), l));
  }
}
