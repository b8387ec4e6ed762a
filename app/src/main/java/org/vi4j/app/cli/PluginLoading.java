package org.vi4j.app.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vi4j.core.plugin.PluginLoadFailure;
import org.vi4j.core.plugin.Plugins;

/**
 * Loads the built-in plugins plus those in jars given with {@code --plugins PATH} and the
 * {@value #ENV} environment variable (a {@link File#pathSeparator}-separated list). Each entry is a
 * jar or a folder of jars (the folder's {@code *.jar} files, not its sub-folders).
 *
 * <pre>{@code
 * Plugins plugins = PluginLoading.load(List.of(Path.of("my-plugins")), System.getenv(PluginLoading.ENV), err);
 * }</pre>
 *
 * <p>The jars are opened with a {@link URLClassLoader} whose parent is the app's class loader, and
 * {@link Plugins#load} finds their providers with {@link java.util.ServiceLoader}. A provider that
 * fails to load is reported on {@code err} by class (and jar) and the rest still load; a plugin
 * whose name clashes with another (a built-in or one in another jar) is refused with a
 * {@link UserException} naming both classes. A path that does not exist is a {@link UserException}.
 */
public final class PluginLoading {

  /** The environment variable with extra plugin paths. */
  public static final String ENV = "VI4J_PLUGIN_PATH";

  private PluginLoading() {
  }

  /**
   * The plugins visible to the app plus those in {@code paths} and in {@code envValue}.
   *
   * @param paths {@code --plugins} entries (jars or folders of jars)
   * @param envValue the value of {@value #ENV}, or null
   * @param err where load failures are reported
   * @throws UserException for a missing path, an unreadable folder, or clashing plugin names
   */
  public static Plugins load(List<Path> paths, String envValue, PrintWriter err) {
    List<Path> jars = new ArrayList<>();
    for (Path p : paths) {
      jars.addAll(expand(p, "--plugins"));
    }
    if (envValue != null) {
      for (String entry : envValue.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          jars.addAll(expand(Path.of(entry.strip()), ENV));
        }
      }
    }
    ClassLoader parent = PluginLoading.class.getClassLoader();
    ClassLoader loader = jars.isEmpty() ? parent
        : new URLClassLoader("vi4j-plugins", urls(jars), parent);
    Plugins plugins;
    try {
      plugins = Plugins.load(loader);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage()
          + (jars.isEmpty() ? "" : "\n  (plugin jars: " + jars + ")"), e);
    }
    for (PluginLoadFailure f : plugins.failures()) {
      err.println("warning: " + f.describe() + where(loader, f.className())
          + "; the other plugins are loaded");
    }
    err.flush();
    return plugins;
  }

  /** The jars of one entry: itself if it is a file, the {@code *.jar} files in it if a folder. */
  static List<Path> expand(Path entry, String source) {
    if (Files.isRegularFile(entry)) {
      return List.of(entry.toAbsolutePath());
    }
    if (!Files.isDirectory(entry)) {
      throw new UserException(source + ": " + entry + " does not exist; give a plugin jar or a "
          + "folder of jars");
    }
    try (Stream<Path> files = Files.list(entry)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
          .map(Path::toAbsolutePath).sorted().toList();
    } catch (IOException e) {
      throw new UserException(source + ": cannot read folder " + entry + ": " + e.getMessage(), e);
    }
  }

  private static URL[] urls(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UserException("cannot use plugin path " + jars.get(i) + ": " + e.getMessage(), e);
      }
    }
    return urls;
  }

  /** " (in /path/x.jar)" when the failed class file can be found, else "". */
  private static String where(ClassLoader loader, String className) {
    if (className == null || className.equals("?")) {
      return "";
    }
    URL url = loader.getResource(className.replace('.', '/') + ".class");
    if (url == null) {
      return "";
    }
    String s = url.toString();
    if (s.startsWith("jar:file:")) {
      int bang = s.indexOf("!/");
      try {
        return " (in " + Path.of(new URL(s.substring(4, bang < 0 ? s.length() : bang)).toURI()) + ")";
      } catch (Exception e) {
        return " (in " + s + ")";
      }
    }
    return "";
  }
}
