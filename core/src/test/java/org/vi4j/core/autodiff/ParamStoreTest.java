package org.vi4j.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.GradientCheck;
import org.vi4j.core.testing.Vi4jTestBase;

class ParamStoreTest extends Vi4jTestBase {

  @TempDir
  Path dir;

  private ParamStore store() {
    ParamStore ps = new ParamStore();
    ps.add("encoder.0.weight", GradientCheck.uniform(rand, 3, 4, -1, 1));
    ps.add("encoder.0.bias", new DMatrixRMaj(new double[][] {{-0.0, Double.MIN_VALUE,
        Double.POSITIVE_INFINITY, Math.PI}}));
    ps.add("rate.shape", 1, 1, 2.5);
    return ps;
  }

  @Test
  void saveThenRestoreIsBitForBit() throws IOException {
    ParamStore saved = store();
    Path file = dir.resolve("p.bin");
    saved.save(file);
    ParamStore other = store();
    for (Param p : other) {
      java.util.Arrays.fill(p.value().data, 7.0);
    }
    other.restore(file);
    for (Param p : saved) {
      double[] a = p.value().data;
      double[] b = other.get(p.name()).value().data;
      for (int k = 0; k < a.length; k++) {
        assertEquals(Double.doubleToRawLongBits(a[k]), Double.doubleToRawLongBits(b[k]), p.name());
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "the atomic save leaves no temporary file");
    }
  }

  @Test
  void restoreChecksNamesAndShapesAndChangesNothingOnAMismatch() throws IOException {
    Path file = dir.resolve("p.bin");
    store().save(file);

    ParamStore renamed = new ParamStore();
    renamed.add("encoder.0.weight", 3, 4, 1.0);
    renamed.add("encoder.0.offset", 1, 4, 1.0);
    renamed.add("rate.shape", 1, 1, 1.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> renamed.restore(file));
    assertTrue(e.getMessage().contains("'encoder.0.bias' in the file but 'encoder.0.offset'"), e.getMessage());
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
        renamed.get("encoder.0.weight").value().data, 0, "nothing restored before the mismatch");

    ParamStore reshaped = new ParamStore();
    reshaped.add("encoder.0.weight", 4, 3, 1.0);
    reshaped.add("encoder.0.bias", 1, 4, 1.0);
    reshaped.add("rate.shape", 1, 1, 1.0);
    e = assertThrows(IllegalArgumentException.class, () -> reshaped.restore(file));
    assertTrue(e.getMessage().contains("'encoder.0.weight' is 3x4 in the file but 4x3"), e.getMessage());

    ParamStore fewer = new ParamStore();
    fewer.add("encoder.0.weight", 3, 4, 1.0);
    e = assertThrows(IllegalArgumentException.class, () -> fewer.restore(file));
    assertTrue(e.getMessage().contains("holds 3 parameters, the store has 1"), e.getMessage());
  }

  @Test
  void truncatedOrForeignFilesAreRefused() throws IOException {
    Path file = dir.resolve("p.bin");
    store().save(file);
    byte[] bytes = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store().restore(cut));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    Path foreign = dir.resolve("foreign.bin");
    Files.writeString(foreign, "hello world, not parameters");
    e = assertThrows(IllegalArgumentException.class, () -> store().restore(foreign));
    assertTrue(e.getMessage().contains("not a vi4j parameter file"), e.getMessage());
  }

  @Test
  void namesAreValidatedAndUnique() {
    ParamStore ps = new ParamStore();
    ps.add("a.b", 1, 1, 0);
    assertThrows(IllegalArgumentException.class, () -> ps.add("a.b", 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ps.add("0abc", 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ps.add("a..b", 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ps.add("ok", 0, 1, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ps.get("a.c"));
    assertTrue(e.getMessage().contains("[a.b]"), e.getMessage());
  }

  @Test
  void valuesCopyInAndOutInOrder() {
    ParamStore ps = store();
    double[] flat = new double[ps.totalLength()];
    ps.copyValuesTo(flat);
    assertEquals(17, flat.length);
    assertEquals(2.5, flat[16], 0);
    flat[16] = -1;
    ps.copyValuesFrom(flat);
    assertEquals(-1, ps.get("rate.shape").item(), 0);
  }

  @Test
  void includeSharesParametersUnderAPrefix() {
    ParamStore inner = new ParamStore();
    Param w = inner.add("weight", 2, 2, 1);
    ParamStore outer = new ParamStore();
    outer.include("encoder.0", inner);
    assertEquals(w, outer.get("encoder.0.weight"));
  }
}
