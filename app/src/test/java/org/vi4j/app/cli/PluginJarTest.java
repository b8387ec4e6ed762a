package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * Plugins from outside: jars compiled at test time (javax.tools), loaded with {@code --plugins}
 * and {@code VI4J_PLUGIN_PATH}, run end to end through {@code vi4j run}. The model plugin is the
 * example of {@code docs/plugins.md}, so the page stays honest.
 */
class PluginJarTest extends Vi4jTestBase {

  /** docs/plugins.md, from the app module's directory (where Maven runs the tests). */
  static final Path DOC = Path.of("..", "docs", "plugins.md");

  private static final String SERVICES = "META-INF/services/org.vi4j.core.plugin.ModelProvider";

  @TempDir
  Path tmp;

  private Path docExampleJar() throws IOException {
    Map<String, String> files = PluginJars.examples(DOC);
    assertTrue(files.keySet().stream().anyMatch(f -> f.endsWith(".java")), "Java sources in " + DOC
        + ": " + files.keySet());
    assertTrue(files.containsKey(SERVICES), "the services file in " + DOC + ": " + files.keySet());
    return PluginJars.build(tmp, "normal-mean.jar", files);
  }

  @Test
  void docsExampleRunsEndToEndFromItsJar() throws IOException {
    Path jar = docExampleJar();
    Path out = tmp.resolve("run");
    Cli.Result r = Cli.run("run", "--plugins", jar.toString(), "--model", "normal-mean",
        "--guide", "mean-field-normal", "--estimator", "reparam", "--optimizer", "adam",
        "--set", "optimizer.lr=0.05", "--steps", "200", "--out", out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(Files.isRegularFile(out.resolve("summary.json")), r.all());
    assertTrue(Files.isRegularFile(out.resolve(FitRunner.CHECKPOINT)), r.all());
    assertTrue(r.out().contains("finished after 200 steps"), r.all());
  }

  @Test
  void docsExampleIsListedWithItsOptionsFromAFolderInTheEnvironment() throws IOException {
    Path jar = docExampleJar();
    Map<String, String> env = Map.of(PluginLoading.ENV, jar.getParent().toString());
    Cli.Result list = Cli.run(env, "list");
    assertEquals(ExitCodes.OK, list.code(), list.all());
    assertTrue(list.out().contains("normal-mean"), list.all());
    Cli.Result help = Cli.run(env, "help", "normal-mean");
    assertEquals(ExitCodes.OK, help.code(), help.all());
    assertTrue(help.out().contains("prior-scale") && help.out().contains("0.8,1.1,1.9"),
        help.all());
  }

  @Test
  void aProviderThatThrowsInItsConstructorIsReportedAndTheOthersLoad() throws IOException {
    Path jar = PluginJars.build(tmp, "mixed.jar", Map.of(
        "com/example/broken/BrokenProvider.java", """
            package com.example.broken;
            public final class BrokenProvider implements org.vi4j.core.plugin.ModelProvider {
              public BrokenProvider() { throw new IllegalStateException("cannot start"); }
              public String name() { return "broken"; }
              public String description() { return "never loads"; }
              public org.vi4j.core.spi.Model create(org.vi4j.core.plugin.Options o) { return null; }
            }
            """,
        "com/example/broken/FineProvider.java", """
            package com.example.broken;
            public final class FineProvider implements org.vi4j.core.plugin.ModelProvider {
              public String name() { return "fine-model"; }
              public String description() { return "loads"; }
              public org.vi4j.core.spi.Model create(org.vi4j.core.plugin.Options o) {
                throw new IllegalArgumentException("fine-model: not for fitting");
              }
            }
            """,
        SERVICES, "com.example.broken.BrokenProvider\ncom.example.broken.FineProvider\n"));
    Cli.Result r = Cli.run("list", "--plugins", jar.toString());
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.err().contains("com.example.broken.BrokenProvider"), r.all());
    assertTrue(r.err().contains("cannot start"), r.all());
    assertTrue(r.err().contains("mixed.jar"), "names the jar: " + r.all());
    assertTrue(r.out().contains("fine-model"), r.all());
    assertTrue(r.out().contains("exp-gaussian"), r.all());
    assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.all());
  }

  @Test
  void aPluginNamedLikeABuiltInIsRefusedNamingBothClasses() throws IOException {
    Path jar = PluginJars.build(tmp, "clash.jar", Map.of(
        "com/example/clash/ClashProvider.java", """
            package com.example.clash;
            public final class ClashProvider implements org.vi4j.core.plugin.ModelProvider {
              public String name() { return "exp-gaussian"; }
              public String description() { return "takes a built-in's name"; }
              public org.vi4j.core.spi.Model create(org.vi4j.core.plugin.Options o) { return null; }
            }
            """,
        SERVICES, "com.example.clash.ClashProvider\n"));
    Cli.Result r = Cli.run("list", "--plugins", jar.toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("com.example.clash.ClashProvider"), r.all());
    assertTrue(r.err().contains("org.vi4j.models.expgaussian.ExpGaussianProvider"), r.all());
    assertTrue(r.err().contains("'exp-gaussian'"), r.all());
  }

  @Test
  void aMissingPluginPathIsBadUsage() {
    Cli.Result r = Cli.run("list", "--plugins", tmp.resolve("nope.jar").toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("nope.jar") && r.err().contains("does not exist"), r.all());
  }
}
