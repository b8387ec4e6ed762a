package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * {@code run.restarts}: R fits from seeds seed, seed + 1, …, the best final ELBO reported, every
 * restart's ELBO in {@code summary.json}, one checkpoint kept.
 */
class RunRestartsTest extends Vi4jTestBase {

  @TempDir
  Path tmp;

  private static final String[] EXP_GAUSSIAN = {"run", "--model", "exp-gaussian",
      "--guide", "truncated-normal", "--estimator", "reparam", "--optimizer", "adam",
      "--set", "model.x=1.5", "--set", "optimizer.lr=0.02", "--set", "run.eval-particles=200",
      "--steps", "60", "--quiet"};

  private static String[] with(String... more) {
    return Stream.concat(Stream.of(EXP_GAUSSIAN), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  @SuppressWarnings("unchecked")
  void keepsTheBestOfTheRestartsAndRecordsThemAll() throws Exception {
    Path out = tmp.resolve("r");
    Cli.Result r = Cli.run(with("--seed", "10", "--set", "run.restarts=3", "--out",
        out.toString()));
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().contains("final ELBOs of the restarts"), r.all());
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    Map<String, Object> restarts = (Map<String, Object>) s.get("restarts");
    assertEquals(3, ((Number) restarts.get("count")).intValue(), restarts.toString());
    assertEquals(List.of(10, 11, 12), ((List<Number>) restarts.get("seeds")).stream()
        .map(Number::intValue).toList());
    List<Number> elbos = (List<Number>) restarts.get("elbos");
    int best = ((Number) restarts.get("best_index")).intValue();
    for (Number e : elbos) {
      assertTrue(elbos.get(best).doubleValue() >= e.doubleValue(), elbos.toString());
    }
    assertEquals(10 + best, ((Number) s.get("seed")).intValue());
    assertEquals(10 + best, ((Number) restarts.get("best_seed")).intValue());
    Map<String, Object> elbo = (Map<String, Object>) s.get("elbo");
    assertEquals(elbos.get(best).doubleValue(), ((Number) elbo.get("value")).doubleValue());
    Map<String, Object> options = (Map<String, Object>) ((Map<String, Object>) s.get("pipeline"))
        .get("options");
    assertEquals(3, ((Number) options.get("run.restarts")).intValue());
    assertTrue(Files.isRegularFile(out.resolve("checkpoint.bin")));
    try (Stream<Path> files = Files.list(out)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("checkpoint-restart")));
    }
    // Restart i is the single fit with seed + i: the best restart's ELBO reproduces alone.
    Path single = tmp.resolve("single");
    Cli.Result one = Cli.run(with("--seed", String.valueOf(10 + best), "--out",
        single.toString()));
    assertEquals(ExitCodes.OK, one.code(), one.all());
    Map<String, Object> s1 = JSON.std.mapFrom(Files.readString(single.resolve("summary.json")));
    assertEquals(elbos.get(best).doubleValue(),
        ((Number) ((Map<String, Object>) s1.get("elbo")).get("value")).doubleValue());
    assertFalse(s1.containsKey("restarts"));
  }

  @Test
  void restartsCannotResume() throws Exception {
    Path out = tmp.resolve("a");
    assertEquals(ExitCodes.OK, Cli.run(with("--out", out.toString())).code());
    Cli.Result r = Cli.run(with("--set", "run.restarts=2", "--resume",
        out.resolve("checkpoint.bin").toString(), "--out", tmp.resolve("b").toString()));
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("run.restarts"), r.all());
  }

  @Test
  void zeroRestartsIsBadUsage() {
    Cli.Result r = Cli.run(with("--set", "run.restarts=0", "--out", tmp.resolve("z").toString()));
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("restarts"), r.all());
  }

  @Test
  void helpRunListsRestarts() {
    Cli.Result r = Cli.run("help", "run");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("restarts")
        && l.contains("best final ELBO")), r.out());
  }
}
