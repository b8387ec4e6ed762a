package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * {@code vi4j demo bernoulli-topic} (shortened with --steps) on its generated corpus writes the ELBO
 * trace, the factors picture and the summary's topic entries: every factor's top words, the
 * recovery of the 8 true factors and the held-out ELBO against the true model's.
 */
class BernoulliTopicDemoTest extends Vi4jTestBase {

  @TempDir
  Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void demoWritesTopWordsRecoveryAndHeldOutElbo() throws Exception {
    Path out = tmp.resolve("topics");
    Cli.Result r = Cli.run("demo", "bernoulli-topic", "--steps", "20", "--out", out.toString(),
        "--quiet");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    for (String f : new String[] {"elbo_trace.png", "factors.png"}) {
      BufferedImage img = ImageIO.read(out.resolve(f).toFile());
      assertTrue(img != null && img.getWidth() >= 700 && img.getHeight() >= 300,
          f + " " + (img == null ? null : img.getWidth() + "x" + img.getHeight()));
    }
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    Map<String, Object> post = (Map<String, Object>) s.get("posterior");
    assertEquals("bernoulli-topic", post.get("kind"));
    assertEquals(16, ((Number) post.get("factors")).intValue());
    assertEquals(2000, ((Number) post.get("documents")).intValue());
    List<Map<String, Object>> factors = (List<Map<String, Object>>) post.get("factor_list");
    assertEquals(16, factors.size());
    for (Map<String, Object> f : factors) {
      List<Map<String, Object>> top = (List<Map<String, Object>>) f.get("top_words");
      assertEquals(10, top.size());
      double u = ((Number) f.get("usage")).doubleValue();
      assertTrue(u >= 0 && u <= 1, "usage " + u);
    }
    Map<String, Object> rec = (Map<String, Object>) post.get("recovery");
    assertEquals(8, ((Number) rec.get("true_factors")).intValue());
    assertEquals(8, ((List<?>) rec.get("matched")).size());
    double cos = ((Number) rec.get("mean_cosine")).doubleValue();
    assertTrue(cos > -1 && cos <= 1, "cosine " + cos);
    Map<String, Object> held = (Map<String, Object>) post.get("held_out");
    assertEquals(500, ((Number) held.get("documents")).intValue());
    assertTrue(held.get("method").toString().startsWith("monte carlo"), held.toString());
    double elbo = ((Number) held.get("elbo_per_document")).doubleValue();
    double truth = ((Number) held.get("true_log_evidence_per_document")).doubleValue();
    assertTrue(truth < 0 && elbo < truth, "held-out ELBO " + elbo + " vs true log p(x) " + truth);
  }
}
