package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * {@code vi4j demo vae} on the bundled digits (shortened with --steps) writes the ELBO trace, the
 * reconstructions, samples and 2-D manifold pictures, and the VAE's summary entries.
 */
class VaeDemoTest extends Vi4jTestBase {

  @TempDir
  Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void vaeDemoWritesThePicturesAndTheBounds() throws Exception {
    Path out = tmp.resolve("vae");
    Cli.Result r = Cli.run("demo", "vae", "--steps", "300", "--out", out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    for (String f : new String[] {"elbo_trace.png", "reconstructions.png", "samples.png",
        "manifold.png"}) {
      BufferedImage img = ImageIO.read(out.resolve(f).toFile());
      assertTrue(img != null && img.getWidth() >= 600 && img.getHeight() >= 200,
          f + " " + (img == null ? null : img.getWidth() + "x" + img.getHeight()));
    }
    // 15 x 15 manifold of 8x8 images at 7 screen pixels each, 4 apart: taller than wide content
    BufferedImage manifold = ImageIO.read(out.resolve("manifold.png").toFile());
    assertTrue(manifold.getHeight() > 15 * 56, manifold.getWidth() + "x" + manifold.getHeight());
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    Map<String, Object> post = (Map<String, Object>) s.get("posterior");
    assertEquals("vae", post.get("kind"));
    assertEquals(2, ((Number) post.get("latent_size")).intValue());
    assertEquals(100, ((Number) post.get("iwae_k")).intValue());
    Map<String, Object> ev = (Map<String, Object>) post.get("evaluation");
    assertEquals(300, ((Number) ev.get("images")).intValue());
    assertFalse((Boolean) ev.get("held_out"), ev.toString());
    double elbo = ((Number) post.get("elbo_per_image")).doubleValue();
    double iwae = ((Number) post.get("iwae_bound_per_image")).doubleValue();
    assertTrue(elbo < 0 && elbo > -64 * Math.log(2), "ELBO per image " + elbo);
    assertTrue(iwae >= elbo && iwae < 0, "IWAE " + iwae + " vs ELBO " + elbo);
  }

  @Test
  @SuppressWarnings("unchecked")
  void dataTakesAnIdxFileAndItsTestFileIsHeldOut() throws Exception {
    Path train = tmp.resolve("train-images-idx3-ubyte");
    Path test = tmp.resolve("t10k-images-idx3-ubyte");
    idx(train, 200, 1);
    idx(test, 40, 2);
    Path out = tmp.resolve("idx");
    Cli.Result r = Cli.run("demo", "vae", "--data", train.toString(), "--steps", "20", "--out",
        out.toString(), "--quiet");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    Map<String, Object> post = (Map<String, Object>) s.get("posterior");
    assertEquals(200, ((Number) post.get("training_images")).intValue());
    Map<String, Object> ev = (Map<String, Object>) post.get("evaluation");
    assertTrue((Boolean) ev.get("held_out"), ev.toString());
    assertEquals(40, ((Number) ev.get("images")).intValue());
    assertTrue(ev.get("source").toString().endsWith("t10k-images-idx3-ubyte"), ev.toString());
    assertTrue(Files.size(out.resolve("reconstructions.png")) > 0);

    Cli.Result bad = Cli.run("demo", "exp-gaussian", "--data", train.toString(), "--quiet");
    assertTrue(bad.code() != ExitCodes.OK && bad.all().contains("reads no data file"), bad.all());
  }

  /** An IDX3 file of n random 8x8 byte images. */
  private static void idx(Path file, int n, long seed) throws Exception {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + n * 64);
    b.putInt(0x803).putInt(n).putInt(8).putInt(8);
    java.util.Random rnd = new java.util.Random(seed);
    for (int i = 0; i < n * 64; i++) {
      b.put((byte) rnd.nextInt(256));
    }
    Files.write(file, b.array());
  }
}
