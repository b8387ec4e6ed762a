package org.vi4j.models.laplacemixture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a CSV file of one column of numbers: one finite number per line, optionally a non-numeric
 * header on the first line, blank lines and lines starting with {@code #} skipped. Any other line
 * (two fields, text, NaN, ±∞) is rejected with its line number.
 *
 * <pre>{@code
 * double[] x = NumberColumn.read(Path.of("train.csv"));
 * // "train.csv, line 17: 'abc' is not a number; accepted: one finite number per line"
 * }</pre>
 */
public final class NumberColumn {

  private NumberColumn() {
  }

  /** The numbers in {@code file}, in order. */
  public static double[] read(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The numbers from {@code in}; {@code source} names it in messages.
   *
   * @throws IllegalArgumentException for a bad line (with its number) or no numbers at all
   */
  public static double[] read(Reader in, String source) throws IOException {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    double[] out = new double[64];
    int n = 0;
    int lineNo = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (s.contains(",") || s.contains(";") || s.contains("\t")) {
        throw new IllegalArgumentException(source + ", line " + lineNo + ": '" + s + "' has more "
            + "than one field; accepted: one finite number per line");
      }
      double v;
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        if (lineNo == 1 && n == 0) {
          continue;                                     // a header
        }
        throw new IllegalArgumentException(source + ", line " + lineNo + ": '" + s
            + "' is not a number; accepted: one finite number per line");
      }
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(source + ", line " + lineNo + ": " + s
            + " is not finite; accepted: one finite number per line");
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, 2 * n);
      }
      out[n++] = v;
    }
    if (n == 0) {
      throw new IllegalArgumentException(source + ": no numbers; accepted: one finite number per line");
    }
    return Arrays.copyOf(out, n);
  }
}
