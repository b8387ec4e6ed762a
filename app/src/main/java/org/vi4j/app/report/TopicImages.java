package org.vi4j.app.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A picture of topics: one panel per topic with its top words as horizontal bars of length
 * proportional to their probability (the same scale in every panel), the probability printed
 * beside each bar, and a one-line caption per panel. Written as PNG with {@link ImageIO}, panels
 * {@value #PANEL_WIDTH} x {@link #panelHeight(int)} pixels, {@value #COLUMNS} per row.
 */
final class TopicImages {

  static final int COLUMNS = 5;
  static final int PANEL_WIDTH = 250;
  static final int MARGIN = 20;
  static final int TITLE = 56;
  static final int ROW = 17;
  static final int CAPTION = 34;
  static final int LABEL = 70;

  /**
   * One topic's panel.
   *
   * @param caption the panel's first line (e.g. "topic 3 · 6.1% of tokens")
   * @param note a second, smaller line, or "" (e.g. the matched true topic)
   * @param words the top words, best first
   * @param probabilities their probabilities, same length
   */
  record Panel(String caption, String note, List<String> words, double[] probabilities) {}

  private TopicImages() {}

  static int panelHeight(int words) {
    return CAPTION + words * ROW + 12;
  }

  /** Draws {@code panels} on a grid under {@code title} (two lines at most, split at '\n'). */
  static void draw(Path file, String title, List<Panel> panels) throws IOException {
    int words = panels.stream().mapToInt(p -> p.words().size()).max().orElse(1);
    int rows = (panels.size() + COLUMNS - 1) / COLUMNS;
    int cols = Math.min(COLUMNS, Math.max(1, panels.size()));
    int ph = panelHeight(words);
    int w = 2 * MARGIN + cols * PANEL_WIDTH;
    int h = TITLE + rows * ph + MARGIN;
    double max = 0;
    for (Panel p : panels) {
      for (double v : p.probabilities()) {
        max = Math.max(max, v);
      }
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    String[] lines = title.split("\n", 2);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(lines[0], MARGIN, 22);
    if (lines.length > 1) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(lines[1], MARGIN, 42);
    }
    for (int i = 0; i < panels.size(); i++) {
      int x = MARGIN + (i % COLUMNS) * PANEL_WIDTH;
      int y = TITLE + (i / COLUMNS) * ph;
      drawPanel(g, panels.get(i), x, y, max);
    }
    g.dispose();
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException("report: no PNG writer available for " + file);
    }
  }

  private static void drawPanel(Graphics2D g, Panel p, int x, int y, double max) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    g.drawString(p.caption(), x, y + 13);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    g.setColor(new Color(90, 90, 90));
    g.drawString(p.note(), x, y + 26);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    int barMax = PANEL_WIDTH - LABEL - 56;
    for (int r = 0; r < p.words().size(); r++) {
      int ry = y + CAPTION + r * ROW;
      String word = p.words().get(r);
      g.setColor(Color.BLACK);
      g.drawString(word, x + LABEL - 6 - fm.stringWidth(word), ry + 11);
      double v = p.probabilities()[r];
      int len = max > 0 ? (int) Math.round(barMax * v / max) : 0;
      g.setColor(new Color(20, 90, 200));
      g.fillRect(x + LABEL, ry + 2, Math.max(1, len), ROW - 5);
      g.setColor(new Color(60, 60, 60));
      g.drawString(String.format(Locale.ROOT, "%.3f", v), x + LABEL + len + 4, ry + 11);
    }
  }
}
