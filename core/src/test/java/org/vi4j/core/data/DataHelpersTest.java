package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Batch;
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

  @Test
  void batchStreamVisitsEveryRowOncePerEpochWithoutCopyingTheData() {
    DMatrixRMaj data = new DMatrixRMaj(10, 2);
    for (int i = 0; i < 10; i++) {
      data.set(i, 0, i);
      data.set(i, 1, -i);
    }
    BatchStream s = new BatchStream(data, 4);
    assertEquals(3, s.batchesPerEpoch());
    Rng rng = Rng.seeded(5);
    for (int epoch = 0; epoch < 2; epoch++) {
      boolean[] seen = new boolean[10];
      for (int k = 0; k < 3; k++) {
        Batch b = s.next(rng);
        assertEquals(k < 2 ? 4 : 2, b.size());
        assertEquals(10.0 / b.size(), b.scale());
        for (int i = 0; i < b.size(); i++) {
          int r = b.row(i);
          assertEquals(r, b.data().get(i, 0));
          assertEquals(-r, b.data().get(i, 1));
          assertTrue(!seen[r]);
          seen[r] = true;
        }
      }
    }
  }

  @Test
  void batchStreamAllocatesOnlyTheBatchRecord() {
    DMatrixRMaj data = new DMatrixRMaj(2000, 784);
    BatchStream s = new BatchStream(data, 100);
    Rng rng = Rng.seeded(5);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int k = 0; k < 2000; k++) {
      s.next(rng);
    }
    long before = threads.getThreadAllocatedBytes(tid);
    for (int k = 0; k < 1000; k++) {
      s.next(rng);
    }
    long perStep = (threads.getThreadAllocatedBytes(tid) - before) / 1000;
    assertTrue(perStep < 1024, perStep + " bytes per batch (a 100 x 784 copy would be 627,200)");
  }
}
