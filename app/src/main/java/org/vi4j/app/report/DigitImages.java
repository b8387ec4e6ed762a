package org.vi4j.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * 8x8 pixel images drawn as enlarged grey squares (white = 0, black = the scale's maximum, as ink
 * on paper), with a title and a grey-scale bar, written as PNG with {@link ImageIO}.
 *
 * <p>{@link #single} is {@link #SINGLE_WIDTH} x {@link #SINGLE_HEIGHT} pixels; {@link #grid} of
 * r x c images is {@link #gridWidth(int)} x {@link #gridHeight(int)}.
 */
final class DigitImages {

  /** Pixels per side of an image. */
  static final int SIDE = 8;
  /** Screen pixels per image pixel in a single image. */
  static final int SINGLE_CELL = 40;
  /** Screen pixels per image pixel in a grid. */
  static final int GRID_CELL = 12;
  /** Blank between images of a grid. */
  static final int GAP = 8;
  static final int MARGIN = 24;
  static final int TITLE = 56;
  static final int BAR = 90;

  static final int SINGLE_WIDTH = MARGIN + SIDE * SINGLE_CELL + BAR;
  static final int SINGLE_HEIGHT = TITLE + SIDE * SINGLE_CELL + MARGIN;

  private DigitImages() {}

  /** Width of a grid with {@code cols} images per row. */
  static int gridWidth(int cols) {
    return MARGIN + cols * SIDE * GRID_CELL + (cols - 1) * GAP + BAR;
  }

  /** Height of a grid with {@code rows} rows of images. */
  static int gridHeight(int rows) {
    return TITLE + rows * SIDE * GRID_CELL + (rows - 1) * GAP + MARGIN;
  }

  /**
   * One image, 64 values row by row, on the grey scale [0, max].
   *
   * @param title two lines at most, split at '\n'
   */
  static void single(Path file, double[] pixels, double max, String title, String unit)
      throws IOException {
    BufferedImage img = new BufferedImage(SINGLE_WIDTH, SINGLE_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img, title);
    drawImage(g, pixels, max, MARGIN, TITLE, SINGLE_CELL);
    drawBar(g, max, unit, MARGIN + SIDE * SINGLE_CELL + 16, TITLE, SIDE * SINGLE_CELL);
    g.dispose();
    write(img, file);
  }

  /**
   * {@code rows x cols} images (each 64 values) on one grey scale [0, max].
   *
   * @param images {@code rows·cols} images, row-major
   */
  static void grid(Path file, double[][] images, int rows, int cols, double max, String title,
      String unit) throws IOException {
    int w = gridWidth(cols);
    int h = gridHeight(rows);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img, title);
    int block = SIDE * GRID_CELL;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        drawImage(g, images[r * cols + c], max, MARGIN + c * (block + GAP),
            TITLE + r * (block + GAP), GRID_CELL);
      }
    }
    drawBar(g, max, unit, MARGIN + cols * (block + GAP) - GAP + 16, TITLE,
        rows * block + (rows - 1) * GAP);
    g.dispose();
    write(img, file);
  }

  private static Graphics2D canvas(BufferedImage img, String title) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    String[] lines = title.split("\n", 2);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(lines[0], MARGIN, 22);
    if (lines.length > 1) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(lines[1], MARGIN, 42);
    }
    return g;
  }

  private static void drawImage(Graphics2D g, double[] pixels, double max, int x0, int y0,
      int cell) {
    if (pixels.length != SIDE * SIDE) {
      throw new IllegalArgumentException("report: an 8x8 image needs " + SIDE * SIDE
          + " pixel values, got " + pixels.length);
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    for (int r = 0; r < SIDE; r++) {
      for (int c = 0; c < SIDE; c++) {
        g.setColor(grey(pixels[r * SIDE + c], max));
        g.fillRect(x0 + c * cell, y0 + r * cell, cell, cell);
      }
    }
    g.setColor(new Color(150, 150, 150));
    g.setStroke(new BasicStroke(1f));
    g.drawRect(x0 - 1, y0 - 1, SIDE * cell + 1, SIDE * cell + 1);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
  }

  /** A vertical grey-scale bar, 0 at the bottom, {@code max} at the top, with labels. */
  private static void drawBar(Graphics2D g, double max, String unit, int x, int y, int height) {
    int w = 14;
    for (int i = 0; i < height; i++) {
      g.setColor(grey(max * (height - 1 - i) / Math.max(1, height - 1), max));
      g.fillRect(x, y + i, w, 1);
    }
    g.setColor(Color.GRAY);
    g.drawRect(x, y, w, height - 1);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    g.drawString(number(max), x + w + 4, y + fm.getAscent());
    g.drawString(number(max / 2), x + w + 4, y + height / 2 + fm.getAscent() / 2);
    g.drawString("0", x + w + 4, y + height);
    if (unit != null && !unit.isEmpty()) {
      Graphics2D r = (Graphics2D) g.create();
      r.rotate(-Math.PI / 2);
      r.drawString(unit, -(y + height / 2 + fm.stringWidth(unit) / 2), x + w + 44);
      r.dispose();
    }
  }

  private static String number(double v) {
    return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  /** White at 0, black at {@code max}; values beyond are clamped for display only. */
  static Color grey(double v, double max) {
    double t = max > 0 && Double.isFinite(v) ? Math.max(0, Math.min(1, v / max)) : 0;
    int level = (int) Math.round(255 * (1 - t));
    return new Color(level, level, level);
  }

  private static void write(BufferedImage img, Path file) throws IOException {
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException("report: no PNG writer available for " + file);
    }
  }
}
