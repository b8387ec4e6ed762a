package org.vi4j.models.poissongamma;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.vi4j.core.autodiff.Tensor;

/**
 * Images of 8x8 = 64 pixel counts, optionally labelled: the bundled UCI handwritten digits or a
 * user's CSV file.
 *
 * <pre>{@code
 * DigitsData zeros = DigitsData.digit(0);            // the 178 zeros of the bundled set
 * DigitsData all = DigitsData.bundled();              // 1,797 images, labels 0–9
 * DigitsData mine = DigitsData.read(Path.of("images.csv"));   // 64 or 65 columns
 * Tensor counts = zeros.counts();                     // 178 x 64
 * }</pre>
 *
 * <h2>CSV format</h2>
 * One image per line: 64 comma-separated pixel counts (the 8x8 image row by row), optionally
 * followed by a 65th column, the image's label. Counts are non-negative integers (written as
 * {@code 3} or {@code 3.0}); labels are non-negative integers. Every line has the same number of
 * columns; blank lines are skipped; a file whose name ends in {@code .gz} is read through gzip. A
 * bad value is an {@link IllegalArgumentException} naming the source, the 1-based line and column,
 * the text found and what is accepted.
 *
 * <h2>The bundled data</h2>
 * {@code digits.csv.gz} next to this class: the test set of the UCI "Optical Recognition of
 * Handwritten Digits" data set (E. Alpaydin, C. Kaynak, 1998,
 * <a href="https://archive.ics.uci.edu/dataset/80">archive.ics.uci.edu/dataset/80</a>), licensed
 * CC BY 4.0: 1,797 images, each pixel a count 0–16, with labels 0–9 (178 zeros). The attribution
 * is in {@code NOTICE.md} next to the file.
 *
 * <p>Immutable: accessors copy.
 */
public final class DigitsData {

  /** Pixels per image (8x8). */
  public static final int PIXELS = 64;
  /** Number of images in the bundled data set. */
  public static final int BUNDLED_SIZE = 1797;
  /** The bundled file's resource name, relative to this class. */
  public static final String RESOURCE = "digits.csv.gz";

  /** A plain decimal number: digits, optional fraction and exponent (no NaN, Infinity, hex). */
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  /** m x 64, row-major. */
  private final double[] counts;
  /** One per image, or null when the source has no label column. */
  private final int[] labels;
  private final int size;
  /** Where the images came from, for messages. */
  private final String source;

  private DigitsData(double[] counts, int[] labels, int size, String source) {
    this.counts = counts;
    this.labels = labels;
    this.size = size;
    this.source = source;
  }

  /**
   * Images from pixel counts (one row per image, 64 values each) without labels.
   *
   * @param counts m x 64 counts, each a non-negative integer. Not modified (copied).
   * @throws IllegalArgumentException naming the first bad row and column (0-based)
   */
  public static DigitsData of(double[][] counts) {
    if (counts == null || counts.length == 0) {
      throw new IllegalArgumentException("DigitsData: needs at least one image, got none");
    }
    double[] flat = new double[counts.length * PIXELS];
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == null || counts[i].length != PIXELS) {
        throw new IllegalArgumentException("DigitsData: image " + i + " has "
            + (counts[i] == null ? "no" : String.valueOf(counts[i].length)) + " pixels, expected "
            + PIXELS + " (an 8x8 image row by row)");
      }
      for (int j = 0; j < PIXELS; j++) {
        double v = counts[i][j];
        if (!isCount(v)) {
          throw new IllegalArgumentException("DigitsData: image " + i + ", pixel " + j + " is " + v
              + "; a pixel count must be a non-negative integer");
        }
        flat[i * PIXELS + j] = v;
      }
    }
    return new DigitsData(flat, null, counts.length, "arrays");
  }

  /** The bundled UCI digits: 1,797 labelled images (read anew on each call). */
  public static DigitsData bundled() {
    InputStream in = DigitsData.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("DigitsData: resource " + RESOURCE + " is missing next to "
          + DigitsData.class.getName() + "; the models jar is incomplete");
    }
    try (Reader r = new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8)) {
      return read(r, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("DigitsData: cannot read the bundled " + RESOURCE, e);
    }
  }

  /** The bundled images with label {@code label} (0–9); {@code digit(0)} has 178 images. */
  public static DigitsData digit(int label) {
    if (!(label >= 0 && label <= 9)) {
      throw new IllegalArgumentException("DigitsData.digit: label must be a digit 0–9, got " + label);
    }
    return bundled().withLabel(label);
  }

  /**
   * Images from a CSV file (see the class javadoc for the format); {@code .gz} files are
   * decompressed.
   *
   * @throws IllegalArgumentException for bad content, naming the line and column
   * @throws UncheckedIOException if the file cannot be read
   */
  public static DigitsData read(Path file) {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = file.getFileName() != null && file.getFileName().toString().endsWith(".gz")
          ? new GZIPInputStream(raw) : raw;
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return read(r, file.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("DigitsData: cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Images from CSV text (see the class javadoc for the format).
   *
   * @param reader the text. Read to the end, not closed.
   * @param source what the text is (a file name), for messages
   * @throws IllegalArgumentException for bad content, naming the source, line and column
   */
  public static DigitsData read(Reader reader, String source) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    double[] counts = new double[PIXELS * 256];
    int[] labels = new int[256];
    int columns = -1;
    int firstLine = -1;
    int m = 0;
    int lineNo = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      String where = source + ", line " + lineNo;
      if (cells.length != PIXELS && cells.length != PIXELS + 1) {
        throw new IllegalArgumentException("DigitsData: " + where + " has " + cells.length
            + " columns; expected " + PIXELS + " pixel counts, optionally followed by a label ("
            + (PIXELS + 1) + " columns)");
      }
      if (columns < 0) {
        columns = cells.length;
        firstLine = lineNo;
      } else if (cells.length != columns) {
        throw new IllegalArgumentException("DigitsData: " + where + " has " + cells.length
            + " columns but line " + firstLine + " has " + columns + "; every line needs the same"
            + " number of columns (" + PIXELS + " counts, or " + (PIXELS + 1) + " with a label)");
      }
      if ((m + 1) * PIXELS > counts.length) {
        counts = Arrays.copyOf(counts, counts.length * 2);
        labels = Arrays.copyOf(labels, labels.length * 2);
      }
      for (int j = 0; j < PIXELS; j++) {
        counts[m * PIXELS + j] = parseCount(cells[j], where, j + 1);
      }
      if (columns == PIXELS + 1) {
        labels[m] = parseLabel(cells[PIXELS], where, PIXELS + 1);
      }
      m++;
    }
    if (m == 0) {
      throw new IllegalArgumentException("DigitsData: " + source + " holds no images; expected one "
          + "line of " + PIXELS + " comma-separated pixel counts (plus an optional label) per image");
    }
    return new DigitsData(Arrays.copyOf(counts, m * PIXELS),
        columns == PIXELS + 1 ? Arrays.copyOf(labels, m) : null, m, source);
  }

  private static double parseCount(String cell, String where, int column) {
    String t = cell.strip();
    String at = "DigitsData: " + where + ", column " + column + ": '" + t + "' ";
    String accepted = "; a pixel count must be a non-negative integer (e.g. 0, 7 or 16.0)";
    if (!DECIMAL.matcher(t).matches()) {
      throw new IllegalArgumentException(at + "is not a number" + accepted);
    }
    double v = Double.parseDouble(t);
    if (v < 0) {
      throw new IllegalArgumentException(at + "is negative" + accepted);
    }
    if (!isCount(v)) {
      throw new IllegalArgumentException(at + "is not an integer" + accepted);
    }
    return v;
  }

  private static int parseLabel(String cell, String where, int column) {
    String t = cell.strip();
    double v = DECIMAL.matcher(t).matches() ? Double.parseDouble(t) : Double.NaN;
    if (!isCount(v) || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("DigitsData: " + where + ", column " + column + " (label): '"
          + t + "' is not a valid label; a label must be a non-negative integer");
    }
    return (int) v;
  }

  /** True for a finite, non-negative integer value. */
  static boolean isCount(double v) {
    return v >= 0 && v == Math.rint(v) && v != Double.POSITIVE_INFINITY;
  }

  /** The images with label {@code label}, in order. */
  public DigitsData withLabel(int label) {
    if (labels == null) {
      throw new IllegalArgumentException("DigitsData: " + source + " has no label column, so it "
          + "cannot be filtered by label " + label + "; use all its images");
    }
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (labels[i] == label) {
        k++;
      }
    }
    if (k == 0) {
      throw new IllegalArgumentException("DigitsData: " + source + " has no image with label "
          + label + "; labels present: " + Arrays.stream(labels).distinct().sorted().boxed().toList());
    }
    double[] c = new double[k * PIXELS];
    int[] l = new int[k];
    for (int i = 0, r = 0; i < size; i++) {
      if (labels[i] == label) {
        System.arraycopy(counts, i * PIXELS, c, r * PIXELS, PIXELS);
        l[r++] = label;
      }
    }
    return new DigitsData(c, l, k, source + " (label " + label + ")");
  }

  /** m, the number of images. */
  public int size() {
    return size;
  }

  /** The count of pixel {@code j} (0–63) in image {@code i}. */
  public double count(int i, int j) {
    if (i < 0 || i >= size || j < 0 || j >= PIXELS) {
      throw new IndexOutOfBoundsException("DigitsData: (" + i + ", " + j + ") outside " + size + "x"
          + PIXELS);
    }
    return counts[i * PIXELS + j];
  }

  /** True if the images carry labels. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** The label of image {@code i}; only where {@link #hasLabels()}. */
  public int label(int i) {
    if (labels == null) {
      throw new IllegalStateException("DigitsData: " + source + " has no labels");
    }
    return labels[i];
  }

  /** Where the images came from (file or resource name, and any label filter). */
  public String source() {
    return source;
  }

  /** The counts as an m x 64 array (a copy). */
  public double[][] toArray() {
    double[][] a = new double[size][];
    for (int i = 0; i < size; i++) {
      a[i] = Arrays.copyOfRange(counts, i * PIXELS, (i + 1) * PIXELS);
    }
    return a;
  }

  /** The counts as an m x 64 constant tensor (rows are images): a model's data. */
  public Tensor counts() {
    return Tensor.of(toArray());
  }

  /** The per-pixel mean count over the images, length 64. */
  public double[] pixelMeans() {
    double[] mean = new double[PIXELS];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < PIXELS; j++) {
        mean[j] += counts[i * PIXELS + j];
      }
    }
    for (int j = 0; j < PIXELS; j++) {
      mean[j] /= size;
    }
    return mean;
  }

  /** The pixels that are 0 in every image, ascending. */
  public List<Integer> alwaysZeroPixels() {
    List<Integer> zero = new ArrayList<>();
    for (int j = 0; j < PIXELS; j++) {
      boolean all = true;
      for (int i = 0; i < size && all; i++) {
        all = counts[i * PIXELS + j] == 0;
      }
      if (all) {
        zero.add(j);
      }
    }
    return zero;
  }

  @Override
  public String toString() {
    return "DigitsData[" + size + " images from " + source + (labels == null ? "" : ", labelled")
        + "]";
  }
}
