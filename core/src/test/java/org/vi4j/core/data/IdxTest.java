package org.vi4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

class IdxTest extends Vi4jTestBase {

  @TempDir
  Path dir;

  /** A 3 x 2 x 2 unsigned-byte image file, values 0, 10, ..., 110 (and 250 last). */
  static byte[] images() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000803);
    out.writeInt(3);
    out.writeInt(2);
    out.writeInt(2);
    for (int k = 0; k < 11; k++) {
      out.writeByte(10 * k);
    }
    out.writeByte(250);
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content, boolean gzip) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream os = gzip ? new GZIPOutputStream(Files.newOutputStream(p))
        : Files.newOutputStream(p)) {
      os.write(content);
    }
    return p;
  }

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    for (boolean gz : new boolean[] {false, true}) {
      Idx.Array a = Idx.read(write("img" + gz, images(), gz));
      assertArrayEquals(new int[] {3, 2, 2}, a.dims());
      DMatrixRMaj m = a.toMatrix();
      assertEquals(3, m.numRows);
      assertEquals(4, m.numCols);
      assertEquals(250.0, m.get(2, 3));
      assertEquals(50.0, m.get(1, 1));
    }
  }

  @Test
  void readsOtherElementTypesAndLabels() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000D01);
    out.writeInt(2);
    out.writeFloat(1.5f);
    out.writeFloat(-2f);
    assertArrayEquals(new double[] {1.5, -2}, Idx.read(write("f", bytes.toByteArray(), false)).values());
    bytes.reset();
    out.writeInt(0x00000801);
    out.writeInt(3);
    out.write(new byte[] {7, 0, (byte) 9});
    assertArrayEquals(new int[] {7, 0, 9}, Idx.read(write("l", bytes.toByteArray(), true)).toLabels());
  }

  @Test
  void aTruncatedFileNamesTheFileAndBothSizes() throws IOException {
    byte[] full = images();
    Path p = write("short.idx", Arrays.copyOf(full, full.length - 5), false);
    String msg = assertThrows(IllegalArgumentException.class, () -> Idx.read(p)).getMessage();
    assertTrue(msg.contains(p.toString()), msg);
    assertTrue(msg.contains("needs 28 bytes") && msg.contains("after 23 bytes"), msg);
    Path gz = write("short.gz", Arrays.copyOf(full, full.length - 5), true);
    String gzMsg = assertThrows(IllegalArgumentException.class, () -> Idx.read(gz)).getMessage();
    assertTrue(gzMsg.contains(gz.toString()) && gzMsg.contains("needs 28 bytes"), gzMsg);
    Path header = write("header.idx", Arrays.copyOf(full, 6), false);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Idx.read(header)).getMessage()
        .contains("truncated IDX header"));
  }

  @Test
  void malformedFilesAreRefused() throws IOException {
    byte[] full = images();
    byte[] longer = Arrays.copyOf(full, full.length + 3);
    String msg = assertThrows(IllegalArgumentException.class,
        () -> Idx.read(write("long", longer, false))).getMessage();
    assertTrue(msg.contains("needs 28 bytes, the data has 31 bytes"), msg);
    byte[] bad = full.clone();
    bad[0] = 1;
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Idx.read(write("bad", bad, false)))
        .getMessage().contains("not an IDX file"));
    byte[] type = full.clone();
    type[2] = 0x07;
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Idx.read(write("t", type, false)))
        .getMessage().contains("unknown IDX element type 0x7"));
  }
}
