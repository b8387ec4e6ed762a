package org.vi4j.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.distributions.Bernoulli;
import org.vi4j.core.distributions.Distribution;
import org.vi4j.core.inference.ElboEvaluation;
import org.vi4j.core.spi.Batch;
import org.vi4j.core.spi.FactorizedFamily;
import org.vi4j.estimators.enumerate.EnumerateEstimator;
import org.vi4j.models.bernoullitopic.BernoulliTopicData;
import org.vi4j.models.bernoullitopic.BernoulliTopicModel;
import org.vi4j.models.bernoullitopic.FactorMatching;

/**
 * The report of {@code bernoulli-topic}: each factor's usage (mean q(z_j = 1 | x) over the training
 * documents) and top words (largest effects on the word log-weights, {@link
 * BernoulliTopicModel#factorEffects}); for a synthetic corpus also the recovery of the true factors
 * (centred cosine after optimal matching) and the held-out ELBO per document against the true
 * model's exact held-out log evidence; and the picture {@value #FACTORS_PNG}.
 *
 * <p>The held-out ELBO is exact (summed over all 2^K configurations by {@code enumerate}) for K ≤
 * {@value #EXACT_HELD_OUT_MAX_K}, otherwise a Monte Carlo estimate with {@value #HELD_OUT_DRAWS}
 * draws per document and its standard error.
 */
final class BernoulliTopicReport implements ModelReport {

  static final String FACTORS_PNG = "factors.png";
  static final int TOP_WORDS = 10;
  static final int EXACT_HELD_OUT_MAX_K = 8;
  static final int HELD_OUT_DRAWS = 20;

  private final RunContext ctx;
  private final BernoulliTopicModel model;
  private final Fitted fitted;
  private double[] usage;
  private double[][] effects;
  private FactorMatching.Result matching;
  private Map<String, Object> heldOut;

  BernoulliTopicReport(RunContext ctx, BernoulliTopicModel model) {
    this.ctx = ctx;
    this.model = model;
    this.fitted = Fitted.of(ctx);
  }

  @Override
  public Map<String, Object> posterior() {
    Map<String, Object> m = new LinkedHashMap<>();
    Corpus corpus = model.corpus();
    m.put("kind", BernoulliTopicModel.NAME);
    m.put("factors", model.factors());
    m.put("alpha", model.alpha());
    m.put("vocabulary", corpus.vocabularySize());
    m.put("documents", corpus.documents());
    m.put("tokens", corpus.tokens());
    m.put("decoder_hidden", Arrays.stream(model.hidden()).boxed().toList());
    double[] use = usage();
    double[][] fx = effects();
    List<Map<String, Object>> factors = new ArrayList<>();
    for (int j = 0; j < model.factors(); j++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("factor", j);
      f.put("usage", use == null ? null : use[j]);
      f.put("top_words", topWords(corpus, fx[j]));
      factors.add(f);
    }
    m.put("factor_list", factors);
    Optional<BernoulliTopicData> source = model.source();
    if (source.isPresent()) {
      BernoulliTopicData data = source.get();
      FactorMatching.Result r = matching();
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("true_factors", data.factors());
      rec.put("mean_cosine", r.meanCosine());
      List<Map<String, Object>> pairs = new ArrayList<>();
      int[] truthOf = r.truthOf();
      double[] cos = r.cosine();
      for (int j = 0; j < truthOf.length; j++) {
        if (truthOf[j] >= 0) {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("factor", j);
          p.put("true_factor", truthOf[j]);
          p.put("cosine", cos[j]);
          pairs.add(p);
        }
      }
      rec.put("matched", pairs);
      m.put("recovery", rec);
      m.put("held_out", heldOut());
    }
    m.putAll(ModelReport.common(ctx, fitted));
    return m;
  }

  /** Mean q(z_j = 1 | x) over the training documents, or null if the guide has no factor. */
  private double[] usage() {
    if (usage == null) {
      Optional<FactorizedFamily> ff = fitted.guide().as(FactorizedFamily.class);
      if (ff.isEmpty() || !ff.get().factorLatents().contains(BernoulliTopicModel.LATENT)) {
        return null;
      }
      Distribution q = ff.get().factor(BernoulliTopicModel.LATENT, Batch.full(model.observed()));
      if (!(q instanceof Bernoulli b)) {
        return null;
      }
      Tensor p = b.probs();
      usage = new double[model.factors()];
      for (int i = 0; i < p.rows(); i++) {
        for (int j = 0; j < usage.length; j++) {
          usage[j] += p.get(i, j) / p.rows();
        }
      }
    }
    return usage;
  }

  private double[][] effects() {
    if (effects == null) {
      effects = model.factorEffects();
    }
    return effects;
  }

  private FactorMatching.Result matching() {
    if (matching == null) {
      matching = FactorMatching.match(effects(), model.source().orElseThrow().weights());
    }
    return matching;
  }

  /** The {@code TOP_WORDS} words with the largest centred effect: word and effect (nats). */
  private static List<Map<String, Object>> topWords(Corpus corpus, double[] effect) {
    double mean = Arrays.stream(effect).average().orElse(0);
    Integer[] order = new Integer[effect.length];
    for (int w = 0; w < order.length; w++) {
      order[w] = w;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer w) -> -effect[w]));
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < Math.min(TOP_WORDS, order.length); i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("word", corpus.word(order[i]));
      e.put("effect", effect[order[i]] - mean);
      out.add(e);
    }
    return out;
  }

  /** Held-out ELBO per document (exact or Monte Carlo) against the true model's log evidence. */
  private Map<String, Object> heldOut() {
    if (heldOut != null) {
      return heldOut;
    }
    BernoulliTopicData data = model.source().orElseThrow();
    Map<String, Object> h = new LinkedHashMap<>();
    int d = data.heldOut().documents();
    h.put("documents", d);
    if (d == 0) {
      heldOut = h;
      return h;
    }
    Tensor counts = data.heldOut().denseCounts();
    double elbo;
    double se;
    if (model.factors() <= EXACT_HELD_OUT_MAX_K
        && fitted.guide().as(FactorizedFamily.class).isPresent()) {
      double[] rows = new EnumerateEstimator(EXACT_HELD_OUT_MAX_K).elboPerRow(model,
          fitted.guide(), Batch.full(counts));
      elbo = Arrays.stream(rows).sum() / d;
      se = 0;
      h.put("method", "exact (enumerate, all 2^K configurations)");
    } else {
      ElboEvaluation.Result r = ElboEvaluation.evaluateByRows(model, fitted.guide(), counts,
          fitted.rng(21), HELD_OUT_DRAWS);
      elbo = r.elbo().value() / d;
      se = r.elbo().standardError() / d;
      h.put("method", "monte carlo, " + HELD_OUT_DRAWS + " draws per document");
    }
    double truth = Arrays.stream(data.trueModel(data.heldOut()).logEvidencePerDocument(counts))
        .sum() / d;
    h.put("elbo_per_document", elbo);
    h.put("elbo_standard_error", se);
    h.put("true_log_evidence_per_document", truth);
    h.put("gap_per_document", truth - elbo);
    heldOut = h;
    return h;
  }

  @Override
  public List<Path> pictures(Path dir) throws IOException {
    Path f = dir.resolve(FACTORS_PNG);
    drawFactors(f);
    return List.of(f);
  }

  /**
   * A heat map of the factors' centred effects on the word log-weights (one row per factor, one
   * column per word; red raises a word, blue lowers it), the fitted factors above — matched ones in
   * the order of their true factors, then the rest by usage — and, for a synthetic corpus, the true
   * factors beneath on the same colour scale.
   */
  private void drawFactors(Path file) throws IOException {
    double[][] fx = effects();
    int k = fx.length;
    int v = fx[0].length;
    Optional<BernoulliTopicData> source = model.source();
    double[][] truth = source.map(BernoulliTopicData::weights).orElse(null);
    int[] truthOf = source.isPresent() ? matching().truthOf() : null;
    double[] use = usage();
    Integer[] order = new Integer[k];
    for (int j = 0; j < k; j++) {
      order[j] = j;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer j) -> truthOf != null && truthOf[j] >= 0
        ? truthOf[j] : 1e6 - (use == null ? 0 : use[j])));
    double[][] fc = centred(fx);
    double[][] tc = truth == null ? null : centred(truth);
    double max = 0;
    for (double[][] block : tc == null ? new double[][][] {fc} : new double[][][] {fc, tc}) {
      for (double[] row : block) {
        for (double x : row) {
          max = Math.max(max, Math.abs(x));
        }
      }
    }
    int cw = Math.max(1, Math.min(4, 1000 / v));
    int rh = 14;
    int left = 170;
    int top = 64;
    int gap = truth == null ? 0 : 30;
    int rows = k + (truth == null ? 0 : truth.length);
    int width = Math.max(left + v * cw + 30, 700);
    int height = top + rows * rh + gap + 60;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("Factors' effects on the word log-weights (" + k + " fitted"
        + (truth == null ? "" : ", " + truth.length + " true beneath") + ")", 20, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    String sub = "one column per word, centred per factor; red raises a word, blue lowers it";
    if (source.isPresent()) {
      Map<String, Object> h = heldOut();
      sub += String.format(Locale.ROOT, "; recovery (mean matched cosine) %.3f", matching()
          .meanCosine());
      Object elbo = h.get("elbo_per_document");
      if (elbo instanceof Double e) {
        sub += String.format(Locale.ROOT, "; held-out ELBO/doc %.2f vs true log p(x)/doc %.2f", e,
            (Double) h.get("true_log_evidence_per_document"));
      }
    }
    g.drawString(sub, 20, 42);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int y = top;
    for (int r = 0; r < k; r++) {
      int j = order[r];
      String label = "factor " + j + (truthOf != null && truthOf[j] >= 0 ? " (true " + truthOf[j]
          + ")" : "") + (use == null ? "" : String.format(Locale.ROOT, " %.2f", use[j]));
      drawRow(g, label, fc[j], max, left, y, cw, rh);
      y += rh;
    }
    if (tc != null) {
      y += gap;
      g.setColor(Color.BLACK);
      g.drawString("true factors", 20, y - 8);
      for (int t = 0; t < tc.length; t++) {
        drawRow(g, "true " + t, tc[t], max, left, y, cw, rh);
        y += rh;
      }
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString("the number after a fitted factor is its usage: mean q(z = 1 | x) over the "
        + "training documents; colour scale ±" + String.format(Locale.ROOT, "%.2f", max)
        + " nats", 20, height - 20);
    g.dispose();
    if (!javax.imageio.ImageIO.write(img, "png", file.toFile())) {
      throw new IOException("report: no PNG writer available for " + file);
    }
  }

  private static void drawRow(Graphics2D g, String label, double[] row, double max, int left,
      int y, int cw, int rh) {
    g.setColor(Color.BLACK);
    g.drawString(label, 20, y + rh - 3);
    for (int w = 0; w < row.length; w++) {
      g.setColor(diverging(max == 0 ? 0 : row[w] / max));
      g.fillRect(left + w * cw, y, cw, rh - 1);
    }
    g.setColor(new Color(200, 200, 200));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(left - 1, y - 1, row.length * cw + 1, rh);
  }

  /** White at 0, red toward +1, blue toward −1. */
  private static Color diverging(double t) {
    double a = Math.min(1, Math.abs(t));
    int fade = (int) Math.round(255 * (1 - a));
    return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
  }

  private static double[][] centred(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      double mean = Arrays.stream(rows[i]).average().orElse(0);
      out[i] = new double[rows[i].length];
      for (int w = 0; w < out[i].length; w++) {
        out[i][w] = rows[i][w] - mean;
      }
    }
    return out;
  }
}
