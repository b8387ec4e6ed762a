package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.random.Rng;
import org.vi4j.core.testing.Vi4jTestBase;

class DataHelpersTest extends Vi4jTestBase {

  private static DMatrixRMaj csv(String text) throws IOException {
    return CsvMatrix.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
  }

  @Test
  void csvReadsRowsAndNamesBadValues() throws IOException {
    DMatrixRMaj m = csv("1,2,3\n\n4, 5.5 ,6e0\n");
    assertEquals(2, m.numRows);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5.5, 6}, m.data);
    assertArrayEquals(new double[] {2, 3, 5.5, 6}, CsvMatrix.columns(m, 1, 3).data);
    String msg = assertThrows(IllegalArgumentException.class, () -> csv("1,2\n3,x\n")).getMessage();
    assertTrue(msg.contains("t.csv: line 2, column 2: 'x'"), msg);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> csv("1,2\n3\n")).getMessage()
        .contains("line 2 has 1 columns"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> csv("1,NaN\n")).getMessage()
        .contains("not a finite decimal"));
  }

  @Test
  void pixelsScaleAndBinarise() {
    DMatrixRMaj raw = new DMatrixRMaj(1, 4, true, 0, 100, 128, 255);
    DMatrixRMaj x = Pixels.scale(raw, 255);
    assertEquals(1.0, x.get(0, 3));
    assertArrayEquals(new double[] {0, 0, 1, 1}, Pixels.binarize(x, 0.5).data);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Pixels.scale(raw, 200))
        .getMessage().contains("value 255.0 at row 0, column 3 is outside [0, 200.0]"));
    DMatrixRMaj half = new DMatrixRMaj(100, 100);
    java.util.Arrays.fill(half.data, 0.3);
    DMatrixRMaj out = new DMatrixRMaj(100, 100);
    Pixels.binarizeRandom(half, Rng.seeded(3), out);
    double mean = 0;
    for (double v : out.data) {
      mean += v / out.data.length;
    }
    assertEquals(0.3, mean, 4 * Math.sqrt(0.21 / 1e4));
  }
}
