package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * {@code vi4j demo laplace-mixture} and {@code vi4j demo gaussian-mixture} write the summary with
 * the held-out log-likelihoods and the pictures. The laplace-mixture demo runs as shipped (3 x 1,500
 * Adam steps, about 20 s): its black-box fit and the report's EM fit come within 0.04 nats per
 * held-out point of the true mixture; gaussian-mixture is shortened with --steps.
 */
class MixtureDemosTest extends Vi4jTestBase {

  @TempDir
  Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void laplaceMixtureDemoComparesTheThreeFits() throws Exception {
    Path out = tmp.resolve("lm");
    Cli.Result r = Cli.run("demo", "laplace-mixture", "--out", out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    for (String f : List.of("summary.json", "trace.csv", "elbo_trace.png", "densities.png",
        "checkpoint.bin")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    assertEquals(3, ((Number) ((Map<String, Object>) s.get("restarts")).get("count")).intValue());
    Map<String, Object> post = (Map<String, Object>) s.get("posterior");
    assertEquals("laplace-mixture", post.get("kind"));
    Map<String, Object> ho = (Map<String, Object>) post.get("held_out_log_likelihood");
    assertEquals(10_000, ((Number) ho.get("points")).intValue());
    double ceiling = ((Number) ho.get("true_mixture")).doubleValue();
    for (String fit : List.of("this_run", "em", "gaussian_mixture_cavi")) {
      double v = ((Number) ho.get(fit)).doubleValue();
      assertTrue(Double.isFinite(v) && v < ceiling + 0.01, fit + " " + ho);
    }
    assertTrue(((Number) ho.get("em")).doubleValue() > ceiling - 0.04, ho.toString());
    assertTrue(((Number) ho.get("this_run")).doubleValue() > ceiling - 0.04, ho.toString());
    List<Number> loc = (List<Number>) ((Map<String, Object>) post.get("components")).get("loc");
    for (int i = 1; i < loc.size(); i++) {
      assertTrue(loc.get(i).doubleValue() >= loc.get(i - 1).doubleValue(), loc.toString());
    }
    assertTrue(((Map<String, Object>) post.get("comparison")).keySet()
        .containsAll(List.of("em", "gaussian_mixture_cavi")), post.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void gaussianMixtureDemoRunsCaviByPluginNames() throws Exception {
    Path out = tmp.resolve("gm");
    Cli.Result r = Cli.run("demo", "gaussian-mixture", "--steps", "100", "--out", out.toString(),
        "--quiet");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    assertTrue(Files.size(out.resolve("densities.png")) > 0);
    assertTrue(Files.size(out.resolve("elbo_trace.png")) > 0);
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    Map<String, Object> restarts = (Map<String, Object>) s.get("restarts");
    List<Number> elbos = (List<Number>) restarts.get("elbos");
    assertEquals(10, elbos.size());
    assertTrue(elbos.stream().mapToDouble(Number::doubleValue).distinct().count() > 1,
        "restarts start from different random partitions: " + elbos);
    Map<String, Object> post = (Map<String, Object>) s.get("posterior");
    assertEquals("gaussian-mixture", post.get("kind"));
    Map<String, Object> ho = (Map<String, Object>) post.get("held_out_log_likelihood");
    double ceiling = ((Number) ho.get("true_mixture")).doubleValue();
    double v = ((Number) ho.get("this_run")).doubleValue();
    assertTrue(v < ceiling && v > ceiling - 1.2, ho.toString());
    assertTrue(Double.isFinite(((Number) post.get("closed_form_elbo")).doubleValue()));
  }
}
