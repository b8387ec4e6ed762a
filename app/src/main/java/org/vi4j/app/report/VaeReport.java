package org.vi4j.app.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Tensor;
import org.vi4j.core.data.Idx;
import org.vi4j.core.data.Pixels;
import org.vi4j.core.spi.Batch;
import org.vi4j.estimators.iwae.IwaeEstimator;
import org.vi4j.estimators.reparamanalytic.ReparamAnalyticEstimator;
import org.vi4j.guides.amortized.AmortizedGuide;
import org.vi4j.models.vae.VaeModel;

/**
 * The report of {@code vae} with the {@code amortized} guide: the ELBO per image (closed-form KL,
 * {@value #ELBO_PARTICLES} samples) and the IWAE bound (k = {@value #IWAE_K}) on up to
 * {@value #EVAL_ROWS} evaluation images, and the pictures {@code reconstructions.png},
 * {@code samples.png} and, for a 2-D latent, {@code manifold.png}.
 *
 * <p>The evaluation images are held out where a test file is known: for {@code model.data}
 * {@code .../train-images...} (the MNIST naming), the sibling {@code t10k-images...}, scaled and
 * binarised as the model's data. Otherwise (the bundled digits, which the model trains on in full)
 * they are the first training images, and the summary says so.
 */
final class VaeReport implements ModelReport {

  static final String RECONSTRUCTIONS_PNG = "reconstructions.png";
  static final String SAMPLES_PNG = "samples.png";
  static final String MANIFOLD_PNG = "manifold.png";
  static final int EVAL_ROWS = 300;
  static final int IWAE_K = 100;
  static final int ELBO_PARTICLES = 20;
  /** Images per row of the reconstruction grid (two such pairs of rows). */
  static final int RECON_COLS = 10;
  static final int SAMPLE_GRID = 8;
  static final int MANIFOLD_GRID = 15;

  private final RunContext ctx;
  private final VaeModel model;
  private final AmortizedGuide guide;
  private final Fitted fitted;
  private Eval eval;

  /** Evaluation images and where they came from. */
  private record Eval(DMatrixRMaj x, String source, boolean heldOut) {}

  VaeReport(RunContext ctx, VaeModel model, AmortizedGuide guide) {
    this.ctx = ctx;
    this.model = model;
    this.guide = guide;
    this.fitted = Fitted.of(ctx);
  }

  @Override
  public Map<String, Object> posterior() {
    Eval e = eval();
    Batch batch = Batch.full(Tensor.constant(e.x()));
    int n = e.x().numRows;
    double elbo = new ReparamAnalyticEstimator(ELBO_PARTICLES)
        .estimate(model, guide, batch, fitted.rng(11)).value() / n;
    model.parameters().zeroGrad();
    guide.parameters().zeroGrad();
    double[] iw = new IwaeEstimator(1).logMarginal(model, guide, batch, fitted.rng(12), IWAE_K,
        Math.max(1, Math.min(IWAE_K, 20_000 / n)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", VaeModel.NAME);
    m.put("latent_size", model.latentSize());
    m.put("features", model.features());
    m.put("likelihood", model.likelihood().toString().toLowerCase(Locale.ROOT));
    m.put("training_images", model.observed().rows());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("source", e.source());
    data.put("held_out", e.heldOut());
    data.put("images", n);
    m.put("evaluation", data);
    m.put("elbo_per_image", elbo);
    m.put("elbo_particles", ELBO_PARTICLES);
    m.put("iwae_bound_per_image", Arrays.stream(iw).average().orElse(Double.NaN));
    m.put("iwae_k", IWAE_K);
    m.putAll(ModelReport.common(ctx, fitted));
    return m;
  }

  private Eval eval() {
    if (eval == null) {
      eval = findEval();
    }
    return eval;
  }

  private Eval findEval() {
    Object file = ctx.options().get("model.data");
    String name = file == null ? "" : file.toString().strip();
    if (!name.isEmpty()) {
      Path train = Path.of(name);
      String base = train.getFileName().toString();
      Path test = base.startsWith("train-") ? train.resolveSibling("t10k-" + base.substring(6))
          : null;
      if (test != null && Files.isRegularFile(test)) {
        try {
          DMatrixRMaj x = Idx.read(test).toMatrix();
          if (x.numCols == model.features()) {
            Pixels.scaleInPlace(x, 255);
            Object t = ctx.options().get("model.binarize");
            double threshold = t == null ? 0 : Double.parseDouble(t.toString());
            if (threshold > 0) {
              Pixels.binarizeInPlace(x, threshold);
            }
            return new Eval(firstRows(x, EVAL_ROWS), test.toString(), true);
          }
        } catch (IOException | RuntimeException ex) {
          // fall back to training images below
        }
      }
    }
    return new Eval(firstRows(model.observed().value(), EVAL_ROWS),
        name.isEmpty() ? "training images (bundled digits; no held-out set)"
            : "training images of " + name + " (no t10k- test file beside it)", false);
  }

  private static DMatrixRMaj firstRows(DMatrixRMaj x, int n) {
    int rows = Math.min(n, x.numRows);
    DMatrixRMaj m = new DMatrixRMaj(rows, x.numCols);
    System.arraycopy(x.data, 0, m.data, 0, m.getNumElements());
    return m;
  }

  @Override
  public List<Path> pictures(Path dir) throws IOException {
    int side = (int) Math.round(Math.sqrt(model.features()));
    if (side * side != model.features()) {
      return List.of();   // not square images
    }
    List<Path> out = new ArrayList<>();
    Eval e = eval();
    int shown = Math.min(2 * RECON_COLS, e.x().numRows);
    DMatrixRMaj x = firstRows(e.x(), shown);
    double[] recon = model.decode(guide.encode(Tensor.constant(x)).mean()).toArray();
    double[] orig = x.data;
    int pairs = (shown + RECON_COLS - 1) / RECON_COLS;
    double[][] cells = new double[2 * pairs * RECON_COLS][];
    String[] labels = new String[2 * pairs];
    for (int i = 0; i < shown; i++) {
      int r = i / RECON_COLS;
      int c = i % RECON_COLS;
      cells[(2 * r) * RECON_COLS + c] = Arrays.copyOfRange(orig, i * model.features(),
          (i + 1) * model.features());
      cells[(2 * r + 1) * RECON_COLS + c] = Arrays.copyOfRange(recon, i * model.features(),
          (i + 1) * model.features());
      labels[2 * r] = e.heldOut() ? "test" : "data";
      labels[2 * r + 1] = "recon.";
    }
    Path f = dir.resolve(RECONSTRUCTIONS_PNG);
    new Grid(side, 2 * pairs, RECON_COLS).title("Images and their reconstructions",
        (e.heldOut() ? "held-out test images" : "training images (no held-out set)")
            + " above, decoder mean at the encoder mean E_q[z|x] beneath")
        .rowLabels(labels).draw(cells).write(f);
    out.add(f);

    int n = SAMPLE_GRID * SAMPLE_GRID;
    double[] s = model.sample(n, fitted.rng(13)).toArray();
    f = dir.resolve(SAMPLES_PNG);
    new Grid(side, SAMPLE_GRID, SAMPLE_GRID).title("Generated images",
        "decoder means E[x|z] of " + n + " codes z ~ N(0, I) (latent size "
            + model.latentSize() + ")").draw(split(s, n)).write(f);
    out.add(f);

    if (model.latentSize() == 2) {
      int g = MANIFOLD_GRID;
      double[] mf = model.manifold(g).toArray();
      f = dir.resolve(MANIFOLD_PNG);
      new Grid(side, g, g).title("Learned 2-D latent manifold",
          "decoder means at z = (Φ⁻¹(u), Φ⁻¹(v)), u, v evenly spaced in (0, 1); z1 → right, "
              + "z2 ↑ up").axes(g).draw(split(mf, g * g)).write(f);
      out.add(f);
    }
    return out;
  }

  private double[][] split(double[] flat, int n) {
    int p = model.features();
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(flat, i * p, (i + 1) * p);
    }
    return out;
  }

  /**
   * A grid of square grey images in [0, 1] (white 0, black 1, as ink on paper), with a two-line
   * title, optional row labels, optional latent axes and a grey-scale bar.
   */
  static final class Grid {
    static final int TARGET = 56;
    static final int GAP = 4;
    static final int TITLE = 56;
    static final int MARGIN = 20;
    static final int BAR = 70;

    private final int side;
    private final int rows;
    private final int cols;
    private final int cell;
    private String title = "";
    private String subtitle = "";
    private String[] rowLabels;
    private int axes;
    private BufferedImage img;

    Grid(int side, int rows, int cols) {
      this.side = side;
      this.rows = rows;
      this.cols = cols;
      this.cell = Math.max(1, Math.round((float) TARGET / side));
    }

    Grid title(String t, String sub) {
      this.title = t;
      this.subtitle = sub;
      return this;
    }

    Grid rowLabels(String[] labels) {
      this.rowLabels = labels;
      return this;
    }

    /** Label the latent axes of a g x g manifold. */
    Grid axes(int g) {
      this.axes = g;
      return this;
    }

    int block() {
      return side * cell;
    }

    int left() {
      return MARGIN + (rowLabels != null ? 50 : 0) + (axes > 0 ? 40 : 0);
    }

    int width() {
      return Math.max(left() + cols * block() + (cols - 1) * GAP + BAR, 620);
    }

    int height() {
      return TITLE + rows * block() + (rows - 1) * GAP + MARGIN + (axes > 0 ? 30 : 0);
    }

    Grid draw(double[][] images) {
      img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, MARGIN, 22);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(subtitle, MARGIN, 42);
      int x0 = left();
      int b = block();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          double[] px = images[r * cols + c];
          if (px == null) {
            continue;
          }
          int ox = x0 + c * (b + GAP);
          int oy = TITLE + r * (b + GAP);
          for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
              g.setColor(DigitImages.grey(px[i * side + j], 1.0));
              g.fillRect(ox + j * cell, oy + i * cell, cell, cell);
            }
          }
          g.setColor(new Color(170, 170, 170));
          g.drawRect(ox - 1, oy - 1, b + 1, b + 1);
        }
      }
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      FontMetrics fm = g.getFontMetrics();
      if (rowLabels != null) {
        for (int r = 0; r < rows; r++) {
          if (rowLabels[r] != null) {
            g.drawString(rowLabels[r], MARGIN, TITLE + r * (b + GAP) + b / 2 + fm.getAscent() / 2);
          }
        }
      }
      int gridW = cols * b + (cols - 1) * GAP;
      int gridH = rows * b + (rows - 1) * GAP;
      if (axes > 0) {
        double lo = Tensor.scalar(0.5 / axes).inverseNormalCdf().item();
        String l = String.format(Locale.ROOT, "%.2f", lo);
        String h = String.format(Locale.ROOT, "%.2f", -lo);
        int yb = TITLE + gridH + 14;
        g.drawString(l, x0, yb);
        g.drawString(h, x0 + gridW - fm.stringWidth(h), yb);
        g.drawString("z1", x0 + gridW / 2 - 6, yb + 12);
        g.drawString(h, MARGIN, TITLE + fm.getAscent());
        g.drawString(l, MARGIN, TITLE + gridH);
        g.drawString("z2", MARGIN + 8, TITLE + gridH / 2);
      }
      int bx = x0 + gridW + 14;
      for (int i = 0; i < gridH; i++) {
        g.setColor(DigitImages.grey((double) (gridH - 1 - i) / Math.max(1, gridH - 1), 1.0));
        g.fillRect(bx, TITLE + i, 12, 1);
      }
      g.setColor(Color.GRAY);
      g.drawRect(bx, TITLE, 12, gridH - 1);
      g.setColor(Color.BLACK);
      g.drawString("1", bx + 16, TITLE + fm.getAscent());
      g.drawString("0", bx + 16, TITLE + gridH);
      g.drawString("pixel", bx + 16, TITLE + gridH / 2);
      g.dispose();
      return this;
    }

    void write(Path file) throws IOException {
      if (!javax.imageio.ImageIO.write(img, "png", file.toFile())) {
        throw new IOException("report: no PNG writer available for " + file);
      }
    }
  }
}
