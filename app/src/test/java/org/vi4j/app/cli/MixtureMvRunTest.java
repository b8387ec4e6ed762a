package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * {@code gaussian-mixture-mv} from the command line: {@code vi4j run} with its guide, closed-form
 * ELBO and {@code cavi}, restarts, K = 10, a data file of another dimension, bad input; and
 * {@code vi4j demo gaussian-mixture-mv}.
 */
class MixtureMvRunTest extends Vi4jTestBase {

  @TempDir
  Path tmp;

  private static final String[] RUN = {"run", "--model", "gaussian-mixture-mv",
      "--guide", "gaussian-mixture-mv", "--estimator", "gaussian-mixture-mv-elbo",
      "--optimizer", "cavi", "--quiet"};

  private static String[] run(String... more) {
    return Stream.concat(Stream.of(RUN), Stream.of(more)).toArray(String[]::new);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> summary(Path out) throws Exception {
    return JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
  }

  @SuppressWarnings("unchecked")
  private static <T> T get(Map<String, Object> m, String key) {
    return (T) m.get(key);
  }

  /**
   * K = 10 on the 3-cluster experiment with 3 restarts: the best restart is reported, components
   * come sorted by the first coordinate of the mean, no value is NaN (null in JSON), the seven
   * surplus weights are small (an emptied component keeps E[π] = α0 / (K α0 + N) = 3.3e-4; 1e-3
   * allows for a little residual responsibility), and the picture is drawn.
   */
  @Test
  void kEquals10WithRestartsKeepsTheBestAndEmptiesTheSurplus() throws Exception {
    Path out = tmp.resolve("k10");
    Cli.Result r = Cli.run(run("--steps", "100", "--seed", "3", "--set", "model.k=10",
        "--set", "run.restarts=3", "--set", "run.eval-particles=600", "--out", out.toString()));
    assertEquals(ExitCodes.OK, r.code(), r.all());
    Map<String, Object> s = summary(out);
    Map<String, Object> restarts = get(s, "restarts");
    List<Number> elbos = get(restarts, "elbos");
    assertEquals(3, elbos.size());
    int best = ((Number) restarts.get("best_index")).intValue();
    for (Number e : elbos) {
      assertTrue(elbos.get(best).doubleValue() >= e.doubleValue(), elbos.toString());
    }
    assertEquals(3 + best, ((Number) s.get("seed")).intValue());
    Map<String, Object> post = get(s, "posterior");
    assertEquals("gaussian-mixture-mv", post.get("kind"));
    assertEquals(10, ((Number) post.get("k")).intValue());
    assertEquals(2, ((Number) post.get("d")).intValue());
    Map<String, Object> comps = get(post, "components");
    List<Number> weights = get(comps, "weights");
    List<List<Number>> means = get(comps, "means");
    List<List<List<Number>>> cov = get(comps, "covariances");
    assertEquals(10, weights.size());
    assertEquals(10, cov.size());
    for (int j = 1; j < means.size(); j++) {
      assertTrue(means.get(j).get(0).doubleValue() >= means.get(j - 1).get(0).doubleValue(),
          means.toString());
    }
    List<Double> w = new ArrayList<>(weights.stream().map(Number::doubleValue).toList());
    w.sort(null);
    for (int j = 0; j < 7; j++) {
      assertTrue(w.get(j) < 1e-3, "surplus " + w);
    }
    assertEquals(3, ((Number) post.get("components_above_1_percent")).intValue());
    assertFalse(JSON.std.asString(post).contains("null"), "no NaN in the posterior: " + post);
    Map<String, Object> ho = get(post, "held_out_log_likelihood");
    double ceiling = ((Number) ho.get("true_mixture")).doubleValue();
    double v = ((Number) ho.get("this_run")).doubleValue();
    assertTrue(v < ceiling + 0.02 && v > ceiling - 0.05, ho.toString());
    assertTrue(Files.size(out.resolve("clusters.png")) > 0);
    assertTrue(Files.size(out.resolve("elbo_trace.png")) > 0);
  }

  @Test
  void aThreeColumnDataFileFitsInThreeDimensionsWithoutAPicture() throws Exception {
    Path data = tmp.resolve("x3.csv");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      double c = i % 2 == 0 ? -3 : 3;
      sb.append(c + 0.1 * (i % 7)).append(',').append(0.2 * (i % 5)).append(',')
          .append(-c + 0.05 * (i % 11)).append('\n');
    }
    Files.writeString(data, sb.toString());
    Path out = tmp.resolve("d3");
    Cli.Result r = Cli.run(run("--steps", "30", "--data", data.toString(), "--set", "model.k=3",
        "--out", out.toString()));
    assertEquals(ExitCodes.OK, r.code(), r.all());
    Map<String, Object> post = get(summary(out), "posterior");
    assertEquals(3, ((Number) post.get("d")).intValue());
    assertTrue(post.get("data").toString().contains("no true density"), post.toString());
    assertFalse(Files.exists(out.resolve("clusters.png")));
  }

  @Test
  void badInputIsRefusedWithWhatAndWhere() throws Exception {
    Path ragged = tmp.resolve("ragged.csv");
    Files.writeString(ragged, "1,2\n3,4\n5,6,7\n");
    Cli.Result r = Cli.run(run("--steps", "5", "--data", ragged.toString(), "--out",
        tmp.resolve("a").toString()));
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("line 3 has 3 columns, the first data line has 2"), r.all());
    r = Cli.run(run("--steps", "5", "--set", "model.w0=1,2;2,1", "--out",
        tmp.resolve("b").toString()));
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("not symmetric positive definite")
        && r.err().contains("option w0"), r.all());
    r = Cli.run("run", "--model", "gaussian-mixture-mv", "--guide", "auto", "--estimator",
        "reparam", "--optimizer", "adam", "--steps", "5", "--quiet", "--out",
        tmp.resolve("c").toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("'precision' (POSITIVE_DEFINITE")
        && r.err().contains("guides that fit POSITIVE_DEFINITE: [gaussian-mixture-mv]"), r.all());
  }

  @Test
  void theDemoDrawsTheClustersAndComparesWithTheTruth() throws Exception {
    Path out = tmp.resolve("demo");
    Cli.Result r = Cli.run("demo", "gaussian-mixture-mv", "--steps", "60", "--out",
        out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    Map<String, Object> s = summary(out);
    assertEquals(10, ((List<?>) ((Map<?, ?>) s.get("restarts")).get("elbos")).size());
    Map<String, Object> post = get(s, "posterior");
    assertTrue(post.containsKey("true_mixture") && post.containsKey("held_out_log_likelihood"),
        post.keySet().toString());
    assertTrue(Files.size(out.resolve("clusters.png")) > 0);
  }
}
