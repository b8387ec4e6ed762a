package org.vi4j.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vi4j.core.plugin.Plugins;
import picocli.CommandLine.Option;

/**
 * The {@code --plugins PATH} option (a picocli mixin): extra plugin jars or folders of jars, added
 * to those in {@value PluginLoading#ENV}.
 *
 * <pre>{@code
 * @Mixin PluginOptions plugins;
 * Plugins loaded = plugins.load(environment(), err);
 * }</pre>
 */
public final class PluginOptions {

  /** The paths given, in order. */
  @Option(names = "--plugins", paramLabel = "PATH",
      description = "A plugin jar or a folder of jars to load plugins from (repeatable); added to "
          + "those in the " + PluginLoading.ENV + " environment variable (a path list).")
  List<Path> paths = new ArrayList<>();

  /** The built-in plugins plus those in the paths and the environment; see {@link PluginLoading}. */
  Plugins load(Map<String, String> environment, PrintWriter err) {
    return PluginLoading.load(paths, environment.get(PluginLoading.ENV), err);
  }
}
