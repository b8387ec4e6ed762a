package org.vi4j.models.poissongamma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

class DigitsDataTest extends Vi4jTestBase {

  /** A CSV line of 64 counts (pixel j = j % 17), optionally with a label. */
  static String line(Integer label) {
    StringJoiner j = new StringJoiner(",");
    for (int k = 0; k < 64; k++) {
      j.add(Integer.toString(k % 17));
    }
    if (label != null) {
      j.add(label.toString());
    }
    return j.toString();
  }

  /** {@code line(null)} with column {@code column} (1-based) replaced by {@code text}. */
  static String lineWith(int column, String text) {
    String[] cells = line(null).split(",");
    cells[column - 1] = text;
    return String.join(",", cells);
  }

  private static IllegalArgumentException reject(String csv) {
    return assertThrows(IllegalArgumentException.class,
        () -> DigitsData.read(new StringReader(csv), "test.csv"));
  }

  @Test
  void bundled_has1797LabelledImages() {
    DigitsData all = DigitsData.bundled();
    assertEquals(DigitsData.BUNDLED_SIZE, all.size());
    assertTrue(all.hasLabels());
    for (int i = 0; i < all.size(); i++) {
      assertTrue(all.label(i) >= 0 && all.label(i) <= 9);
      for (int j = 0; j < 64; j++) {
        assertTrue(all.count(i, j) >= 0 && all.count(i, j) <= 16);
      }
    }
  }

  @Test
  void digitZero_has178Images() {
    DigitsData zeros = DigitsData.digit(0);
    assertEquals(178, zeros.size());
    for (int i = 0; i < zeros.size(); i++) {
      assertEquals(0, zeros.label(i));
    }
    assertEquals(178, zeros.counts().rows());
    assertEquals(64, zeros.counts().cols());
  }

  @Test
  void digitZero_has16AlwaysZeroPixels() {
    // The issue says "16 pixels of the zeros are always 0": confirmed, they are the left and right
    // image columns (column 0 and 7 of each of the 8 rows).
    List<Integer> zero = DigitsData.digit(0).alwaysZeroPixels();
    assertEquals(List.of(0, 7, 8, 15, 16, 23, 24, 31, 32, 39, 40, 47, 48, 55, 56, 63), zero);
    assertEquals(3, DigitsData.bundled().alwaysZeroPixels().size());
  }

  @Test
  void attributionFile_isNextToTheData() throws IOException {
    assertNotNull(DigitsData.class.getResource(DigitsData.RESOURCE));
    try (InputStream in = DigitsData.class.getResourceAsStream("NOTICE.md")) {
      assertNotNull(in, "NOTICE.md must sit next to digits.csv.gz");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("Alpaydin"));
      assertTrue(text.contains("Kaynak"));
      assertTrue(text.contains("1998"));
      assertTrue(text.contains("CC BY 4.0"));
      assertTrue(text.contains("https://archive.ics.uci.edu/dataset/80"));
    }
  }

  @Test
  void userCsv_64Or65Columns() throws IOException {
    DigitsData plain = DigitsData.read(new StringReader(line(null) + "\n\n" + line(null) + "\n"),
        "plain.csv");
    assertEquals(2, plain.size());
    assertFalse(plain.hasLabels());
    assertEquals(5.0, plain.count(1, 5));
    DigitsData labelled = DigitsData.read(new StringReader(line(3) + "\n" + line(4)), "l.csv");
    assertTrue(labelled.hasLabels());
    assertEquals(4, labelled.label(1));
    assertEquals(1, labelled.withLabel(3).size());
    assertThrows(IllegalArgumentException.class, () -> plain.withLabel(0));
  }

  @Test
  void userCsv_fromFile_plainAndGzip(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("images.csv");
    Files.writeString(csv, line(null) + "\n" + lineWith(3, "16.0") + "\n");
    DigitsData d = DigitsData.read(csv);
    assertEquals(2, d.size());
    assertEquals(16.0, d.count(1, 2));
    Path gz = dir.resolve("images.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((line(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(1, DigitsData.read(gz).label(0));
  }

  @Test
  void negativeCount_isRejectedWithLineAndColumn() {
    IllegalArgumentException e = reject(line(null) + "\n" + lineWith(5, "-1"));
    assertTrue(e.getMessage().contains("line 2, column 5"), e.getMessage());
    assertTrue(e.getMessage().contains("negative"), e.getMessage());
  }

  @Test
  void fractionalCount_isRejectedWithLineAndColumn() {
    IllegalArgumentException e = reject(lineWith(64, "2.5"));
    assertTrue(e.getMessage().contains("line 1, column 64"), e.getMessage());
    assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
  }

  @Test
  void nanAndNonNumericCounts_areRejectedWithLineAndColumn() {
    IllegalArgumentException nan = reject(line(null) + "\n" + line(null) + "\n" + lineWith(1, "NaN"));
    assertTrue(nan.getMessage().contains("line 3, column 1"), nan.getMessage());
    assertTrue(nan.getMessage().contains("not a number"), nan.getMessage());
    IllegalArgumentException text = reject(lineWith(10, "abc"));
    assertTrue(text.getMessage().contains("line 1, column 10"), text.getMessage());
    IllegalArgumentException inf = reject(lineWith(2, "Infinity"));
    assertTrue(inf.getMessage().contains("line 1, column 2"), inf.getMessage());
  }

  @Test
  void wrongColumnCount_isRejectedWithLine() {
    String shortLine = line(null).substring(0, line(null).lastIndexOf(','));   // 63 columns
    IllegalArgumentException e = reject(line(null) + "\n" + shortLine);
    assertTrue(e.getMessage().contains("line 2 has 63 columns"), e.getMessage());
    IllegalArgumentException mixed = reject(line(null) + "\n" + line(7));
    assertTrue(mixed.getMessage().contains("line 2 has 65 columns but line 1 has 64"),
        mixed.getMessage());
    IllegalArgumentException label = reject(line(null) + ",x");
    assertTrue(label.getMessage().contains("line 1, column 65"), label.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DigitsData.read(new StringReader("\n"), "e"));
  }

  @Test
  void arrays_areValidated() {
    double[][] bad = new double[1][64];
    bad[0][7] = -2;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DigitsData.of(bad));
    assertTrue(e.getMessage().contains("pixel 7"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DigitsData.of(new double[][] {new double[63]}));
  }
}
