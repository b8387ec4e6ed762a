package org.vi4j.core.inference;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An in-memory {@link DataOutput} and {@link DataInput} over one growable byte array, big-endian
 * like the {@code java.io} streams, for the per-step snapshots the divergence guard takes and for
 * checkpoint sections. Writing a double is one array store through a {@link VarHandle} view (about
 * a nanosecond), where {@code DataOutputStream} makes a call per value; the array only grows, so
 * the steady state allocates nothing.
 */
final class StateBuffer implements DataOutput, DataInput {

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private byte[] bytes = new byte[256];
  private int size;
  private int read;

  /** Forgets the contents (keeps the array) and rewinds. */
  StateBuffer clear() {
    size = 0;
    read = 0;
    return this;
  }

  /** Rewinds reading to the start. */
  StateBuffer rewind() {
    read = 0;
    return this;
  }

  int size() {
    return size;
  }

  /** A copy of the written bytes. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** Replaces the contents with {@code data} and rewinds. */
  StateBuffer load(byte[] data) {
    ensure(data.length);
    System.arraycopy(data, 0, bytes, 0, data.length);
    size = data.length;
    read = 0;
    return this;
  }

  private void ensure(int n) {
    if (bytes.length < n) {
      bytes = Arrays.copyOf(bytes, Math.max(n, 2 * bytes.length));
    }
  }

  private int take(int n) throws EOFException {
    if (read + n > size) {
      throw new EOFException("state ends after " + size + " bytes");
    }
    int at = read;
    read += n;
    return at;
  }

  // ------------------------------------------------------------------ DataOutput

  @Override
  public void write(int b) {
    ensure(size + 1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(size + len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    write(v >>> 8);
    write(v);
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    ensure(size + 4);
    INT.set(bytes, size, v);
    size += 4;
  }

  @Override
  public void writeLong(long v) {
    ensure(size + 8);
    LONG.set(bytes, size, v);
    size += 8;
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToRawIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    for (int i = 0; i < s.length(); i++) {
      write(s.charAt(i));
    }
  }

  @Override
  public void writeChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      writeChar(s.charAt(i));
    }
  }

  /** Length-prefixed UTF-8 (not Java's modified UTF-8; read back with {@link #readUTF}). */
  @Override
  public void writeUTF(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeInt(b.length);
    write(b);
  }

  // ------------------------------------------------------------------ DataInput

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    int at = take(len);
    System.arraycopy(bytes, at, b, off, len);
  }

  @Override
  public int skipBytes(int n) {
    int k = Math.min(n, size - read);
    read += k;
    return k;
  }

  @Override
  public boolean readBoolean() throws IOException {
    return bytes[take(1)] != 0;
  }

  @Override
  public byte readByte() throws IOException {
    return bytes[take(1)];
  }

  @Override
  public int readUnsignedByte() throws IOException {
    return bytes[take(1)] & 0xff;
  }

  @Override
  public short readShort() throws IOException {
    int at = take(2);
    return (short) (((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff));
  }

  @Override
  public int readUnsignedShort() throws IOException {
    return readShort() & 0xffff;
  }

  @Override
  public char readChar() throws IOException {
    return (char) readShort();
  }

  @Override
  public int readInt() throws IOException {
    return (int) INT.get(bytes, take(4));
  }

  @Override
  public long readLong() throws IOException {
    return (long) LONG.get(bytes, take(8));
  }

  @Override
  public float readFloat() throws IOException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws IOException {
    return Double.longBitsToDouble(readLong());
  }

  @Override
  public String readLine() {
    throw new UnsupportedOperationException("StateBuffer holds binary state, not lines");
  }

  @Override
  public String readUTF() throws IOException {
    byte[] b = new byte[readInt()];
    readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
