package org.vi4j.core.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads a numeric CSV file into a matrix, one row per line (gzipped or not).
 *
 * <pre>{@code
 * DMatrixRMaj all = CsvMatrix.read(Path.of("digits.csv.gz"));    // 1797 x 65
 * DMatrixRMaj pixels = CsvMatrix.columns(all, 0, 64);             // drop the label column
 * }</pre>
 *
 * <p>Values are separated by commas; surrounding spaces are ignored; blank lines are skipped;
 * every line must have the same number of columns and every value must be a finite decimal
 * number. A file is read through gzip when it starts with the gzip magic bytes. A bad value is an
 * {@link IllegalArgumentException} naming the source, the 1-based line and column, the text found
 * and what is accepted.
 */
public final class CsvMatrix {

  private CsvMatrix() {}

  /** Reads {@code file}; see the class javadoc. */
  public static DMatrixRMaj read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      return read(raw, file.toString());
    }
  }

  /** Reads a stream (not closed), gzipped or not; {@code source} names it in messages. */
  public static DMatrixRMaj read(InputStream is, String source) throws IOException {
    InputStream raw = is.markSupported() ? is : new BufferedInputStream(is);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw) : raw;
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    double[] data = new double[1024];
    int n = 0;
    int cols = -1;
    int rows = 0;
    String line;
    int lineNo = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(",", -1);
      if (cols < 0) {
        cols = parts.length;
      } else if (parts.length != cols) {
        throw new IllegalArgumentException(source + ": line " + lineNo + " has " + parts.length
            + " columns, the first data line has " + cols);
      }
      if (n + cols > data.length) {
        data = java.util.Arrays.copyOf(data, Math.max(2 * data.length, n + cols));
      }
      for (int j = 0; j < cols; j++) {
        String t = parts[j].trim();
        double v;
        try {
          v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
        if (!Double.isFinite(v) || t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1))
            && t.charAt(t.length() - 1) != '.') {
          throw new IllegalArgumentException(source + ": line " + lineNo + ", column " + (j + 1)
              + ": '" + t + "' is not a finite decimal number (accepted: e.g. 3, -0.5, 1e-3)");
        }
        data[n++] = v;
      }
      rows++;
    }
    if (rows == 0) {
      throw new IllegalArgumentException(source + ": no data lines");
    }
    return new DMatrixRMaj(rows, cols, true, java.util.Arrays.copyOf(data, n));
  }

  /** Columns [from, to) of {@code m}, a copy. */
  public static DMatrixRMaj columns(DMatrixRMaj m, int from, int to) {
    if (!(from >= 0 && from < to && to <= m.numCols)) {
      throw new IllegalArgumentException("CsvMatrix.columns: [" + from + ", " + to
          + ") is not a non-empty range inside the " + m.numCols + " columns");
    }
    DMatrixRMaj out = new DMatrixRMaj(m.numRows, to - from);
    for (int i = 0; i < m.numRows; i++) {
      System.arraycopy(m.data, i * m.numCols + from, out.data, i * out.numCols, to - from);
    }
    return out;
  }
}
