package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vi4j.core.testing.Vi4jTestBase;

/** {@code vi4j list}, {@code vi4j help}, {@code --help} and {@code --version}. */
class ListAndHelpCommandTest extends Vi4jTestBase {

  static final Map<String, List<String>> BUILT_INS = Map.of(
      "models", List.of("exp-gaussian", "poisson-gamma"),
      "guides", List.of("mean-field-normal", "full-rank-normal", "log-normal", "gamma",
          "truncated-normal", "delta", "auto"),
      "estimators", List.of("reparam", "reparam-analytic", "score-function", "closed-form"),
      "optimizers", List.of("sgd", "adam", "adagrad", "rmsprop", "clipped-adam", "cavi", "svi"));

  @Test
  @SuppressWarnings("unchecked")
  void listJsonParsesAndHasEveryBuiltIn() throws Exception {
    Cli.Result r = Cli.run("list", "--json");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    Map<String, Object> doc = JSON.std.mapFrom(r.out());
    for (Map.Entry<String, List<String>> kind : BUILT_INS.entrySet()) {
      List<Map<String, Object>> entries = (List<Map<String, Object>>) doc.get(kind.getKey());
      Set<Object> names = entries.stream().map(e -> e.get("name")).collect(Collectors.toSet());
      assertTrue(names.containsAll(kind.getValue()), kind.getKey() + ": " + names);
      entries.forEach(e -> assertTrue(e.containsKey("description") && e.containsKey("options")
          && e.containsKey("class"), e.toString()));
    }
    List<Map<String, Object>> run = (List<Map<String, Object>>) doc.get("run");
    assertTrue(run.stream().anyMatch(o -> o.get("key").equals("steps")
        && ((Number) o.get("default")).longValue() == 5000), run.toString());
    assertEquals(List.of(), doc.get("failures"));
  }

  @Test
  void listShowsEveryKindWithDescriptions() {
    Cli.Result r = Cli.run("list");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    for (String heading : BUILT_INS.keySet()) {
      assertTrue(r.out().contains(heading + "\n"), r.all());
    }
    BUILT_INS.values().forEach(names -> names.forEach(n -> assertTrue(r.out().contains(n), n)));
    assertTrue(r.out().contains("Kingma & Ba"), "descriptions: " + r.out());
  }

  @Test
  void helpAdamShowsTheLearningRateDefault() {
    Cli.Result r = Cli.run("help", "adam");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith("lr ") && l.contains("0.001")
        && l.contains("a number")), r.out());
    assertTrue(r.out().contains("--set optimizer.KEY=VALUE"), r.out());
  }

  @Test
  void helpOfAGuideShowsWhatItFits() {
    Cli.Result r = Cli.run("help", "gamma");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().contains("POSITIVE"), r.out());
  }

  @Test
  void helpRunShowsTheRunOptions() {
    Cli.Result r = Cli.run("help", "run");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    for (var spec : RunOptions.ALL) {
      assertTrue(r.out().contains(spec.key()), spec.key() + " in " + r.out());
    }
  }

  @Test
  void helpOfAnUnknownNameSuggestsTheNearest() {
    Cli.Result r = Cli.run("help", "adma");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("Did you mean 'adam'?"), r.all());
  }

  @Test
  void helpOfACommandShowsItsUsage() {
    Cli.Result r = Cli.run("help", "demo");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().contains("--list"), r.out());
  }

  @Test
  void topLevelHelpListsCommandsAndExitCodes() {
    Cli.Result r = Cli.run("--help");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    for (String s : List.of("list", "help", "run", "demo", "Exit codes", "diverged")) {
      assertTrue(r.out().contains(s), s + " in " + r.out());
    }
  }

  @Test
  void noCommandOrAnUnknownOneIsBadUsage() {
    assertEquals(ExitCodes.USAGE, Cli.run().code());
    assertEquals(ExitCodes.USAGE, Cli.run("fit").code());
  }

  @Test
  void versionIsPrinted() {
    Cli.Result r = Cli.run("--version");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(r.out().startsWith("vi4j "), r.out());
  }
}
