package org.vi4j.core.plugin;

/**
 * A provider listed in a services file that could not be loaded or instantiated. The registry keeps
 * loading the others and exposes these through {@link PluginRegistry#failures()}.
 *
 * <pre>{@code
 * plugins.failures().forEach(f -> log.warn("{}", f.describe()));
 * }</pre>
 *
 * @param kind the SPI kind ("model", "guide", …)
 * @param className the provider class, or {@code "?"} when the services file itself was bad
 * @param message what went wrong
 * @param cause the underlying error
 */
public record PluginLoadFailure(String kind, String className, String message, Throwable cause) {

  /** "model provider org.x.Y could not be loaded: …". */
  public String describe() {
    return kind + " provider " + className + " could not be loaded: " + message;
  }
}
