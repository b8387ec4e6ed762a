package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

/** {@code vi4j run}: exit codes and messages for good runs, bad input and divergence. */
class RunCommandTest extends Vi4jTestBase {

  @TempDir
  Path tmp;

  /** run with the four names, then {@code more}, writing to tmp/out, quietly. */
  private Cli.Result run(String model, String guide, String estimator, String optimizer,
      String... more) {
    List<String> args = new ArrayList<>(List.of("run", "--model", model, "--guide", guide,
        "--estimator", estimator, "--optimizer", optimizer, "--quiet"));
    args.addAll(List.of(more));
    if (!args.contains("--out")) {
      args.addAll(List.of("--out", tmp.resolve("out").toString()));
    }
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aGoodRunFinishesAndWritesItsFiles() {
    Cli.Result r = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--set", "optimizer.lr=0.02", "--set", "run.average-last=0.5", "--steps", "300",
        "--seed", "3");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(Files.isRegularFile(tmp.resolve("out/summary.json")), r.all());
    assertTrue(Files.isRegularFile(tmp.resolve("out/checkpoint.bin")), r.all());
    assertTrue(r.out().contains("finished after 300 steps (max steps)"), r.all());
  }

  @Test
  void aTypoInAPluginNameSuggestsTheRightOne() {
    Cli.Result r = run("exp-gausian", "truncated-normal", "reparam", "adma");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("Did you mean 'exp-gaussian'?"), r.all());
    assertTrue(r.err().contains("Did you mean 'adam'?"), "every problem at once: " + r.all());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.all());
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written for bad input");
  }

  @Test
  void anUnknownOptionListsTheAcceptedKeys() {
    Cli.Result r = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--set", "optimizer.lrr=0.1");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("[lrr]") && r.err().contains("accepted: ["), r.all());
    assertTrue(r.err().contains("did you mean 'lr'"), r.all());
  }

  @Test
  void anUnknownRunOptionListsTheRunKeys() {
    Cli.Result r = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--set", "run.stpes=10");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("[stpes]") && r.err().contains("average-last")
        && r.err().contains("eval-particles"), r.all());
    assertTrue(r.err().contains("did you mean 'steps'"), r.all());
  }

  @Test
  void aValueOfTheWrongTypeIsBadInput() {
    Cli.Result r = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--set", "optimizer.lr=fast", "--set", "run.steps=1.5");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("'fast' is not a number"), r.all());
    assertTrue(r.err().contains("'1.5' is not an integer"), r.all());
  }

  @Test
  void aFlagThatIsNotAnIntegerIsBadUsage() {
    Cli.Result r = run("exp-gaussian", "truncated-normal", "reparam", "adam", "--steps", "many");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
  }

  @Test
  void convergenceSettingsWithoutConvergenceAreRefused() {
    Cli.Result r = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--set", "run.tol-rel-obj=0.001");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("run.convergence=true"), r.all());
  }

  @Test
  void aShorthandAndItsSetFormTogetherAreRefused() {
    Cli.Result r = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--steps", "10", "--set", "run.steps=20");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("--steps and --set run.steps"), r.all());
  }

  @Test
  void anIncompatibleGuideNamesTheLatentAndTheGuidesThatFit() {
    Cli.Result r = run("exp-gaussian", "mean-field-normal", "reparam", "adam");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("'z'"), r.all());
    assertTrue(r.err().contains("truncated-normal") && r.err().contains("log-normal"), r.all());
  }

  @Test
  void dataForAModelWithoutADataOptionIsRefusedNamingTheModel() throws Exception {
    Path csv = Files.writeString(tmp.resolve("x.csv"), "1,2\n");
    Cli.Result r = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--data", csv.toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("model 'exp-gaussian'") && r.err().contains("data"), r.all());
  }

  @Test
  void aDataFileThatDoesNotParseNamesFileLineAndColumn() throws Exception {
    StringBuilder row = new StringBuilder();
    for (int j = 0; j < 64; j++) {
      row.append(j == 5 ? "x" : "1").append(j < 63 ? "," : "\n");
    }
    Path csv = Files.writeString(tmp.resolve("bad.csv"), row.toString().replace('x', '1') + row);
    Cli.Result r = run("poisson-gamma", "gamma", "reparam", "adam", "--data", csv.toString(),
        "--set", "model.digit=-1");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("bad.csv") && r.err().contains("line 2")
        && r.err().contains("column"), r.all());
  }

  @Test
  void aMissingDataFileIsBadInput() {
    Cli.Result r = run("poisson-gamma", "gamma", "reparam", "adam", "--data",
        tmp.resolve("none.csv").toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("none.csv"), r.all());
  }

  @Test
  void aDataFileIsReadByAModelThatTakesOne() throws Exception {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 64; j++) {
        csv.append((i + j) % 5).append(j < 63 ? "," : "\n");
      }
    }
    Path file = Files.writeString(tmp.resolve("images.csv"), csv);
    Cli.Result r = run("poisson-gamma", "gamma", "reparam", "cavi", "--data", file.toString(),
        "--set", "model.digit=-1", "--steps", "2", "--set", "run.eval-particles=50");
    assertEquals(ExitCodes.OK, r.code(), r.all());
  }

  /** SGD with lr 1e6 sends the log-normal guide's gradients to infinity at once. */
  @Test
  void aDivergedRunExitsWith3AndStillWritesItsReport() {
    Cli.Result r = run("exp-gaussian", "log-normal", "reparam", "sgd",
        "--set", "optimizer.lr=1e6", "--steps", "100");
    assertEquals(ExitCodes.DIVERGED, r.code(), r.all());
    assertTrue(r.err().contains("diverged"), r.all());
    assertTrue(Files.isRegularFile(tmp.resolve("out/summary.json")), r.all());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.all());
  }

  @Test
  void aRunResumesFromItsCheckpoint() {
    Path first = tmp.resolve("first");
    Cli.Result a = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--steps", "100", "--set", "run.checkpoint-every=50", "--out", first.toString());
    assertEquals(ExitCodes.OK, a.code(), a.all());
    Cli.Result b = run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--steps", "150", "--resume", first.resolve("checkpoint.bin").toString(),
        "--set", "run.checkpoint-every=50", "--out", tmp.resolve("second").toString());
    assertEquals(ExitCodes.OK, b.code(), b.all());
    assertTrue(b.out().contains("after 150 steps"), b.all());
  }

  @Test
  void aCheckpointOfAnotherSetUpIsRefused() {
    Path first = tmp.resolve("first");
    assertEquals(ExitCodes.OK, run("exp-gaussian", "truncated-normal", "reparam", "adam",
        "--steps", "20", "--out", first.toString()).code());
    Cli.Result b = run("exp-gaussian", "log-normal", "reparam", "adam", "--steps", "40",
        "--resume", first.resolve("checkpoint.bin").toString(), "--out", tmp.resolve("b").toString());
    assertEquals(ExitCodes.USAGE, b.code(), b.all());
    assertTrue(b.err().contains("different run set-up"), b.all());
  }

  @Test
  void missingPartsAreBadUsage() {
    Cli.Result r = Cli.run("run", "--model", "exp-gaussian");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("--guide"), r.all());
  }

  @Test
  void verboseShowsTheStackTraceOfBadInput() {
    Cli.Result r = run("exp-gaussian", "mean-field-normal", "reparam", "adam", "--verbose");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("\tat "), r.all());
  }
}
