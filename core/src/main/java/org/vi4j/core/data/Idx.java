package org.vi4j.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads the IDX format of LeCun's MNIST (and Fashion-MNIST, KMNIST, EMNIST), gzipped or not.
 *
 * <pre>{@code
 * Idx.Array images = Idx.read(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"));
 * images.dims();                          // [60000, 28, 28]
 * DMatrixRMaj x = images.toMatrix();      // 60000 x 784, raw values 0..255
 * }</pre>
 *
 * <p><strong>Format.</strong> A big-endian header: two zero bytes, a type byte (0x08 unsigned
 * byte, 0x09 signed byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), a byte d with the number
 * of dimensions, then d 32-bit sizes; then the Π sizes values row-major. A file is gzipped when
 * it starts with the gzip magic bytes (whatever its name). A bad magic number, an unknown type,
 * a non-positive size, or fewer (or more) data bytes than the header promises is an
 * {@link IllegalArgumentException} naming the file, the expected and the actual size.
 */
public final class Idx {

  private Idx() {}

  /**
   * The contents of an IDX file: its dimensions and its values as doubles, row-major.
   *
   * @param dims the sizes, dims[0] = number of examples
   * @param values Π dims values
   */
  public record Array(int[] dims, double[] values) {

    /**
     * dims[0] x (Π of the other dims): one example per row. It wraps {@link #values()} (no copy,
     * so a 60,000-image set is held once): changing one changes the other.
     */
    public DMatrixRMaj toMatrix() {
      int rows = dims[0];
      int cols = values.length / Math.max(rows, 1);
      return DMatrixRMaj.wrap(rows, cols, values);
    }

    /** dims[0] values as ints, for a 1-D label file. */
    public int[] toLabels() {
      int[] l = new int[values.length];
      for (int i = 0; i < l.length; i++) {
        l[i] = (int) values[i];
      }
      return l;
    }

    @Override
    public String toString() {
      return "Idx.Array" + Arrays.toString(dims);
    }
  }

  /** Reads {@code file}; see the class javadoc for the checks. */
  public static Array read(Path file) throws IOException {
    long fileBytes = Files.size(file);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gz = b0 == 0x1f && b1 == 0x8b;
      InputStream in = gz ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
      return read(in, file.toString() + (gz ? " (gzip)" : ""), fileBytes);
    } catch (java.util.zip.ZipException e) {
      throw new IllegalArgumentException(file + ": corrupt gzip stream (" + e.getMessage() + ")", e);
    }
  }

  private static Array read(InputStream is, String source, long fileBytes) throws IOException {
    DataInputStream in = new DataInputStream(is);
    int[] dims;
    int type;
    try {
      int z0 = in.readUnsignedByte();
      int z1 = in.readUnsignedByte();
      type = in.readUnsignedByte();
      int nd = in.readUnsignedByte();
      if (z0 != 0 || z1 != 0) {
        throw new IllegalArgumentException(source + ": not an IDX file: the magic number must start "
            + "with two zero bytes, found 0x" + Integer.toHexString(z0) + " 0x"
            + Integer.toHexString(z1));
      }
      if (elementBytes(type) < 0) {
        throw new IllegalArgumentException(source + ": unknown IDX element type 0x"
            + Integer.toHexString(type) + "; accepted: 0x08 (ubyte), 0x09 (byte), 0x0B (short), "
            + "0x0C (int), 0x0D (float), 0x0E (double)");
      }
      if (nd < 1) {
        throw new IllegalArgumentException(source + ": IDX header declares 0 dimensions; expected >= 1");
      }
      dims = new int[nd];
      for (int i = 0; i < nd; i++) {
        dims[i] = in.readInt();
        if (!(dims[i] > 0)) {
          throw new IllegalArgumentException(source + ": IDX dimension " + i + " is " + dims[i]
              + "; sizes must be positive");
        }
      }
    } catch (EOFException e) {
      throw new IllegalArgumentException(source + ": truncated IDX header: expected at least 4 bytes "
          + "of magic number and 4 per dimension, the file has " + fileBytes + " bytes", e);
    }
    long count = 1;
    for (int d : dims) {
      count *= d;
    }
    int eb = elementBytes(type);
    long header = 4L + 4L * dims.length;
    long expected = header + count * eb;
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(source + ": " + Arrays.toString(dims) + " holds " + count
          + " values, more than a Java array can");
    }
    double[] v = new double[(int) count];
    byte[] buf = new byte[1 << 16];
    int perBuf = buf.length / eb;
    long done = 0;
    while (done < count) {
      int want = (int) Math.min(perBuf, count - done) * eb;
      int got = in.readNBytes(buf, 0, want);
      if (got < want) {
        long actual = header + done * eb + got;
        throw new IllegalArgumentException(source + ": truncated IDX data: the header "
            + Arrays.toString(dims) + " (type 0x" + Integer.toHexString(type) + ") needs " + expected
            + " bytes, the data ends after " + actual + " bytes");
      }
      decode(buf, want / eb, type, v, (int) done);
      done += want / eb;
    }
    if (in.read() >= 0) {
      long extra = 1 + in.skip(Long.MAX_VALUE);
      throw new IllegalArgumentException(source + ": malformed IDX file: the header "
          + Arrays.toString(dims) + " needs " + expected + " bytes, the data has " + (expected + extra)
          + " bytes (" + extra + " trailing)");
    }
    return new Array(dims, v);
  }

  private static int elementBytes(int type) {
    switch (type) {
      case 0x08: case 0x09: return 1;
      case 0x0B: return 2;
      case 0x0C: case 0x0D: return 4;
      case 0x0E: return 8;
      default: return -1;
    }
  }

  private static void decode(byte[] b, int n, int type, double[] out, int at) {
    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b); // big-endian by default
    for (int i = 0; i < n; i++) {
      double x;
      switch (type) {
        case 0x08: x = b[i] & 0xff; break;
        case 0x09: x = b[i]; break;
        case 0x0B: x = bb.getShort(2 * i); break;
        case 0x0C: x = bb.getInt(4 * i); break;
        case 0x0D: x = bb.getFloat(4 * i); break;
        default: x = bb.getDouble(8 * i); break;
      }
      out[at + i] = x;
    }
  }
}
