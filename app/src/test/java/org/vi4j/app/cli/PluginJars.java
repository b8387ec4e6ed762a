package org.vi4j.app.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.vi4j.core.plugin.ModelProvider;

/**
 * Builds plugin jars at test time: compiles Java sources with {@code javax.tools} against vi4j's
 * core and packs the classes and other files (services files) into a jar.
 *
 * <pre>{@code
 * Path jar = PluginJars.build(tmp, "p.jar", Map.of(
 *     "com/x/P.java", "package com.x; ...",
 *     "META-INF/services/org.vi4j.core.plugin.ModelProvider", "com.x.P\n"));
 * }</pre>
 */
final class PluginJars {

  /** {@code <!-- example: PATH -->} followed by a fenced code block. */
  private static final Pattern EXAMPLE = Pattern.compile(
      "<!-- example: (\\S+) -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL);

  private PluginJars() {
  }

  /**
   * The files of the example in a markdown page: path inside the jar → content, in order.
   *
   * @throws IOException if the page cannot be read
   */
  static Map<String, String> examples(Path markdown) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(Files.readString(markdown));
    while (m.find()) {
      files.put(m.group(1), m.group(2));
    }
    return files;
  }

  /**
   * A jar in {@code dir} holding {@code files}: {@code *.java} entries compiled (against vi4j's core
   * classes), everything else stored as given.
   *
   * @throws IllegalStateException if compilation fails, with the compiler's messages
   */
  static Path build(Path dir, String jarName, Map<String, String> files) throws IOException {
    Path src = Files.createTempDirectory(dir, "src");
    Path classes = Files.createTempDirectory(dir, "classes");
    List<Path> sources = new ArrayList<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path target = (f.getKey().endsWith(".java") ? src : classes).resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, f.getValue());
      if (f.getKey().endsWith(".java")) {
        sources.add(target);
      }
    }
    if (!sources.isEmpty()) {
      compile(sources, classes);
    }
    Path jar = dir.resolve(jarName);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, (OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static void compile(List<Path> sources, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
    }
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
      List<String> options = List.of("--release", "17", "-proc:none", "-classpath", corePath(),
          "-d", classes.toString());
      boolean ok = javac.getTask(messages, fm, null, options, null, units).call();
      if (!ok) {
        throw new IllegalStateException("compiling " + sources + " failed:\n" + messages);
      }
    }
  }

  /** Where vi4j's core classes (SPIs, autodiff, distributions) are: a jar or a classes folder. */
  private static String corePath() {
    try {
      return Path.of(ModelProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
