package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.app.demo.Demo;
import org.vi4j.app.demo.Demos;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.testing.Vi4jTestBase;

/** {@code vi4j demo}: listing, running, overrides, and that every demo's spec is valid. */
class DemoCommandTest extends Vi4jTestBase {

  @TempDir
  Path tmp;

  @Test
  void listShowsEveryDemo() {
    Cli.Result r = Cli.run("demo", "--list");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    for (Demo d : Demos.all()) {
      assertTrue(r.out().contains(d.name()), d.name() + " in " + r.out());
    }
    assertTrue(r.out().contains("exp-gaussian") && r.out().contains("poisson-gamma"), r.out());
  }

  @Test
  void everyDemoSpecIsAValidPipelineWithValidRunOptions() {
    Plugins plugins = Plugins.load(getClass().getClassLoader());
    for (Demo d : Demos.all()) {
      assertEquals(java.util.List.of(), Pipeline.problems(d.spec(), plugins), d.name());
      assertEquals(java.util.List.of(), RunOptions.problems(d.spec().optionsFor(RunOptions.PART)),
          d.name());
    }
  }

  @Test
  void theExpGaussianDemoRunsWithFewerSteps() {
    Path out = tmp.resolve("eg");
    Cli.Result r = Cli.run("demo", "exp-gaussian", "--steps", "100", "--seed", "5", "--out",
        out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().contains("after 100 steps"), r.all());
    assertTrue(Files.isRegularFile(out.resolve("summary.json")), r.all());
  }

  @Test
  void anUnknownDemoIsBadUsageListingTheDemos() {
    Cli.Result r = Cli.run("demo", "exp-gausian");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("poisson-gamma"), r.all());
  }

  @Test
  void aDemoNeedsAName() {
    Cli.Result r = Cli.run("demo");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("Missing demo NAME"), r.all());
  }
}
