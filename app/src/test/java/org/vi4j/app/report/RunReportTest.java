package org.vi4j.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.autodiff.ParamStore;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.plugin.Pipeline;
import org.vi4j.core.plugin.PipelineSpec;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.ExactEvidence;
import org.vi4j.core.spi.ExactPosterior;
import org.vi4j.core.spi.LatentSpec;
import org.vi4j.core.spi.Latents;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.ObservedData;
import org.vi4j.models.expgaussian.ExpGaussianModel;

/** Reports of real small fits, read back: summary keys and values, trace rows, PNG sizes. */
class RunReportTest {

  /** The top-level keys of summary.json, in order (docs/output.md documents each). */
  static final List<String> TOP_KEYS = List.of("vi4j_version", "pipeline", "seed", "steps",
      "stop_reason", "wall_seconds", "steps_per_second", "rejected_steps", "averaged_steps", "elbo",
      "last_iterate_elbo", "psis", "parameters", "posterior");

  @TempDir
  Path tmp;

  private static Plugins plugins() {
    return Plugins.load(RunReportTest.class.getClassLoader());
  }

  /** Fits {@code spec} and wraps it in a context whose options are the spec's plus a few defaults. */
  private RunContext fit(PipelineSpec spec, int steps, double averageLast, int evalParticles,
      long seed, Path out) {
    Pipeline p = Pipeline.from(spec, plugins());
    Inference.Builder b = Inference.builder().model(p.model()).guide(p.guide())
        .estimator(p.estimator()).optimizer(p.optimizer()).stopAfterSteps(steps).evalParticles(evalParticles).seed(seed);
    FitResult fit = (averageLast > 0 ? b.averageLast(averageLast) : b).build().run();
    return context(spec, p, fit, seed, out);
  }

  private static RunContext context(PipelineSpec spec, Pipeline p, FitResult fit, long seed,
      Path out) {
    Map<String, Object> options = new TreeMap<>(spec.options());
    options.put("optimizer.beta1", 0.9);            // a default the CLI would fill in
    options.put("run.steps", (int) fit.steps());
    return new RunContext(spec, options, seed, "0.1.0-test", p, fit, out);
  }

  private static Map<String, Object> summary(Path dir) throws IOException {
    return JSON.std.mapFrom(Files.readString(dir.resolve(RunReport.SUMMARY)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static double num(Object o) {
    return ((Number) o).doubleValue();
  }

  private static BufferedImage png(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " written");
    BufferedImage img = ImageIO.read(file.toFile());
    assertNotNull(img, file + " decodes as an image");
    return img;
  }

  private static void assertSize(BufferedImage img, int w, int h, String what) {
    assertEquals(w, img.getWidth(), what + " width");
    assertEquals(h, img.getHeight(), what + " height");
  }

  private static void assertCommon(Map<String, Object> s, RunContext ctx, Path dir)
      throws IOException {
    assertEquals(TOP_KEYS, List.copyOf(s.keySet()));
    assertEquals("0.1.0-test", s.get("vi4j_version"));
    Map<String, Object> pipeline = map(s.get("pipeline"));
    assertEquals(ctx.spec().model(), pipeline.get("model"));
    assertEquals(ctx.spec().guide(), pipeline.get("guide"));
    assertEquals(ctx.spec().estimator(), pipeline.get("estimator"));
    assertEquals(ctx.spec().optimizer(), pipeline.get("optimizer"));
    Map<String, Object> options = map(pipeline.get("options"));
    assertEquals(0.9, num(options.get("optimizer.beta1")), "defaults from ctx.options()");
    ctx.spec().options().keySet().forEach(k -> assertTrue(options.containsKey(k), k));
    assertEquals(ctx.seed(), ((Number) s.get("seed")).longValue());
    assertEquals(ctx.fit().steps(), ((Number) s.get("steps")).longValue());
    assertEquals("max_steps", s.get("stop_reason"));
    assertTrue(num(s.get("wall_seconds")) > 0);
    assertTrue(num(s.get("steps_per_second")) > 0);
    assertEquals(0L, ((Number) s.get("rejected_steps")).longValue());
    Map<String, Object> elbo = map(s.get("elbo"));
    assertEquals(List.of("value", "standard_error", "particles"), List.copyOf(elbo.keySet()));
    assertEquals(ctx.fit().elbo().value(), num(elbo.get("value")), 0.0);
    assertEquals(List.of("value", "standard_error", "particles"),
        List.copyOf(map(s.get("last_iterate_elbo")).keySet()));
    Map<String, Object> psis = map(s.get("psis"));
    assertEquals(List.of("k_hat", "reading", "tail_length", "draws"), List.copyOf(psis.keySet()));
    assertTrue(List.of("good", "ok", "unreliable", "not_available").contains(psis.get("reading")));
    Map<String, Object> params = map(s.get("parameters"));
    assertEquals(ctx.fit().parameters().keySet(), params.keySet());
    ctx.fit().parameters().forEach((k, v) ->
        assertEquals(v.length, ((List<?>) params.get(k)).size(), k));

    List<String> trace = Files.readAllLines(dir.resolve(RunReport.TRACE));
    assertEquals("step,elbo,seconds", trace.get(0));
    assertEquals(ctx.fit().steps(), trace.size() - 1, "one row per step");
    String[] last = trace.get(trace.size() - 1).split(",");
    long[] steps = ctx.fit().trace().step();
    assertEquals(steps[steps.length - 1], Long.parseLong(last[0]));
    Double.parseDouble(last[1]);
    assertTrue(Double.parseDouble(last[2]) >= 0);

    assertSize(png(dir.resolve(RunReport.ELBO_PNG)), Charts.WIDTH, Charts.HEIGHT, "elbo_trace");
  }

  @Test
  void expGaussianTruncatedNormal() throws IOException {
    Path dir = tmp.resolve("eg/nested");             // created, with parents
    RunContext ctx = fit(PipelineSpec.of("exp-gaussian", "truncated-normal", "reparam", "adam")
        .with("estimator.particles", 16).with("optimizer.lr", 0.02), 400, 0.5, 4000, 1, dir);
    List<Path> files = RunReport.write(ctx);
    assertEquals(dir.resolve(RunReport.SUMMARY), files.get(0));
    files.forEach(f -> assertTrue(Files.isRegularFile(f), f.toString()));

    Map<String, Object> s = summary(dir);
    assertCommon(s, ctx, dir);
    assertEquals(200L, ((Number) s.get("averaged_steps")).longValue());
    Map<String, Object> post = map(s.get("posterior"));
    assertEquals(List.of("kind", "x", "prior_rate", "noise_scale", "exact", "q", "log_evidence",
        "evidence_gap", "kl_to_exact"), List.copyOf(post.keySet()));
    assertEquals("exp-gaussian", post.get("kind"));
    assertEquals(List.of(1.5), post.get("x"));
    double logEvidence = num(post.get("log_evidence"));
    assertEquals(-1.3689464152886564, logEvidence, 1e-12);
    Map<String, Object> exact = map(post.get("exact"));
    assertEquals("TruncatedNormal", exact.get("family"));
    assertEquals(0.5, num(exact.get("loc")), 1e-12);
    assertEquals(1.0, num(exact.get("scale")), 1e-12);
    Map<String, Object> q = map(post.get("q"));
    assertEquals(List.of("family", "loc", "scale", "lower", "mean", "sd"), List.copyOf(q.keySet()));
    assertEquals("TruncatedNormal", q.get("family"));
    Map<String, Object> kl = map(post.get("kl_to_exact"));
    assertEquals("evidence_gap", kl.get("method"));
    double elbo = ctx.fit().elbo().value();
    assertEquals(logEvidence - elbo, num(kl.get("value")), 1e-12);
    double se = num(kl.get("standard_error"));
    assertTrue(num(kl.get("value")) > -4 * se, "KL ≥ 0 within the MC error: " + kl);
    assertTrue(num(kl.get("value")) < 0.05, "400 steps get close: " + kl);

    assertSize(png(dir.resolve(ExpGaussianReport.DENSITY_PNG)), Charts.WIDTH, Charts.HEIGHT,
        "posterior_density");
  }

  @Test
  void expGaussianAutoGuideUsesDraws() throws IOException {
    RunContext ctx = fit(PipelineSpec.of("exp-gaussian", "auto", "reparam", "adam")
        .with("optimizer.lr", 0.05), 50, 0.0, 500, 3, tmp);
    RunReport.write(ctx);
    Map<String, Object> q = map(map(summary(tmp).get("posterior")).get("q"));
    assertTrue(((String) q.get("family")).contains("not factorized"), q.toString());
    assertEquals(ctx.fit().parameters().keySet(), map(q.get("parameters")).keySet());
    assertTrue(num(q.get("mean")) > 0 && num(q.get("sd")) > 0, q.toString());
    assertEquals(0L, ((Number) summary(tmp).get("averaged_steps")).longValue());
    assertSize(png(tmp.resolve(ExpGaussianReport.DENSITY_PNG)), Charts.WIDTH, Charts.HEIGHT,
        "posterior_density");
  }

  @Test
  @SuppressWarnings("unchecked")
  void poissonGammaAfterOneCaviStepIsExact() throws IOException {
    RunContext ctx = fit(PipelineSpec.of("poisson-gamma", "gamma", "reparam", "cavi"), 1, 0.0,
        100, 1, tmp);
    List<Path> files = RunReport.write(ctx);
    assertEquals(6, files.size(), files.toString());

    Map<String, Object> s = summary(tmp);
    assertCommon(s, ctx, tmp);
    Map<String, Object> post = map(s.get("posterior"));
    assertEquals(List.of("kind", "images", "prior", "exact", "q", "max_relative_mean_error",
        "log_evidence", "evidence_gap", "kl_to_exact"), List.copyOf(post.keySet()));
    assertEquals(178, ((Number) post.get("images")).intValue());
    Map<String, Object> prior = map(post.get("prior"));
    assertEquals(64, ((List<?>) prior.get("a")).size());
    assertEquals(2.0, num(prior.get("b")), 0.0);
    Map<String, Object> q = map(post.get("q"));
    Map<String, Object> exact = map(post.get("exact"));
    assertEquals("Gamma", q.get("family"));
    assertEquals("Gamma", exact.get("family"));
    for (String key : List.of("shape", "rate", "mean", "sd")) {
      List<Number> qv = (List<Number>) q.get(key);
      List<Number> ev = (List<Number>) exact.get(key);
      assertEquals(64, qv.size(), key);
      for (int j = 0; j < 64; j++) {
        assertEquals(ev.get(j).doubleValue(), qv.get(j).doubleValue(),
            1e-9 * ev.get(j).doubleValue(), key + "[" + j + "]");
      }
    }
    assertEquals(2.0 + 178, num(((List<?>) exact.get("rate")).get(0)), 1e-12);
    Map<String, Object> kl = map(post.get("kl_to_exact"));
    assertEquals("closed_form", kl.get("method"));
    assertTrue(Math.abs(num(kl.get("value"))) < 1e-9, "KL after CAVI " + kl);
    assertTrue(num(post.get("max_relative_mean_error")) < 1e-9);
    Map<String, Object> gap = map(post.get("evidence_gap"));
    assertTrue(Math.abs(num(gap.get("value"))) < 5 * num(gap.get("standard_error")) + 1e-6,
        "ELBO at the exact posterior is log p(x): " + gap);

    int side = DigitImages.SINGLE_WIDTH;
    assertSize(png(tmp.resolve(PoissonGammaReport.Q_MEAN_PNG)), side,
        DigitImages.SINGLE_HEIGHT, "posterior_mean");
    assertSize(png(tmp.resolve(PoissonGammaReport.EXACT_MEAN_PNG)), side,
        DigitImages.SINGLE_HEIGHT, "exact_posterior_mean");
    BufferedImage samples = png(tmp.resolve(PoissonGammaReport.SAMPLES_PNG));
    assertSize(samples, DigitImages.gridWidth(4), DigitImages.gridHeight(4), "samples");
  }

  /**
   * A model vi4j has no specific report for (exp-gaussian behind a wrapper that forwards only its
   * capabilities): the generic section has the exact evidence, the exact posterior next to q, and
   * KL by the evidence gap (TruncatedNormal ‖ TruncatedNormal has no closed form).
   */
  @Test
  void otherModelsGetTheGenericSection() throws IOException {
    PipelineSpec spec = PipelineSpec.of("exp-gaussian", "truncated-normal", "reparam", "adam")
        .with("optimizer.lr", 0.02);
    Pipeline inner = Pipeline.from(spec, plugins());
    Model wrapped = new Wrapper((ExpGaussianModel) inner.model());
    Pipeline p = new Pipeline(wrapped, inner.guide(), inner.estimator(), inner.optimizer(), spec);
    FitResult fit = Inference.builder().model(wrapped).guide(p.guide()).estimator(p.estimator())
        .optimizer(p.optimizer()).stopAfterSteps(30).evalParticles(200).seed(5).build().run();
    RunReport.write(context(spec, p, fit, 5, tmp));
    Map<String, Object> post = map(summary(tmp).get("posterior"));
    assertEquals("generic", post.get("kind"));
    assertEquals(-1.3689464152886564, num(post.get("log_evidence")), 1e-12);
    assertEquals("evidence_gap", map(post.get("kl_to_exact")).get("method"));
    Map<String, Object> z = map(map(post.get("latents")).get("z"));
    assertEquals("TruncatedNormal", map(z.get("exact")).get("family"));
    assertEquals("TruncatedNormal", map(z.get("q")).get("family"));
    assertFalse(z.containsKey("kl_to_exact"), "no closed form for this pair");
    assertTrue(Files.isRegularFile(tmp.resolve(RunReport.ELBO_PNG)));
    assertFalse(Files.exists(tmp.resolve(ExpGaussianReport.DENSITY_PNG)));
  }

  @Test
  void nonFiniteNumbersBecomeNull() throws IOException {
    Path f = tmp.resolve("s.json");
    RunReport.writeJson(f, new java.util.LinkedHashMap<>(Map.of("k_hat",
        Double.POSITIVE_INFINITY)));
    Map<String, Object> back = JSON.std.mapFrom(Files.readString(f));
    assertTrue(back.containsKey("k_hat"));
    assertEquals(null, back.get("k_hat"));
    Object arr = JsonValues.sanitize(new double[] {1, Double.NaN});
    assertEquals(java.util.Arrays.asList(1.0, null), arr);
  }

  /** Forwards exp-gaussian's log joint and its validation capabilities, hiding its type. */
  private static final class Wrapper implements Model {
    private final ExpGaussianModel m;

    Wrapper(ExpGaussianModel m) {
      this.m = m;
    }

    @Override
    public LatentSpec latents() {
      return m.latents();
    }

    @Override
    public ParamStore parameters() {
      return m.parameters();
    }

    @Override
    public Tensor logJoint(Latents z, Batch batch) {
      return m.logJoint(z, batch);
    }

    @Override
    public <T> Optional<T> as(Class<T> capability) {
      if (capability == ExactEvidence.class || capability == ExactPosterior.class
          || capability == ObservedData.class) {
        return Optional.of(capability.cast(m));
      }
      return Optional.empty();
    }
  }
}
