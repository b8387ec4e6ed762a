package org.vi4j.core.autodiff;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/**
 * The named {@link Param}s of one model or guide, in insertion order.
 *
 * <pre>{@code
 * ParamStore ps = new ParamStore();
 * Param w = ps.add("encoder.0.weight", new DMatrixRMaj(784, 400));
 * ps.save(Path.of("params.bin"));        // exact, atomic
 * ps.restore(Path.of("params.bin"));     // checks every name and shape first
 * }</pre>
 *
 * <p>{@link #save} writes every value bit for bit (IEEE-754 doubles); {@link #restore} reads the
 * whole file and checks names and shapes against this store before changing anything, so a bad
 * file leaves the store as it was. Not thread-safe.
 */
public final class ParamStore implements Iterable<Param> {

  private static final int MAGIC = 0x5649344A; // "VI4J"
  private static final int FORMAT_VERSION = 1;

  private final Map<String, Param> byName = new LinkedHashMap<>();
  private final List<Param> ordered = new ArrayList<>();
  /** Read-only view handed out by {@link #params()}; made once so hot loops do not allocate. */
  private final List<Param> view = Collections.unmodifiableList(ordered);

  /** Adds a parameter initialised with a copy of {@code initial}; the name must be new. */
  public Param add(String name, DMatrixRMaj initial) {
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("ParamStore: a parameter named '" + name + "' exists already");
    }
    Tensor.checkShape("ParamStore.add(" + name + ")", initial.numRows, initial.numCols);
    Param p = new Param(name, initial.copy());
    byName.put(name, p);
    ordered.add(p);
    return p;
  }

  /** Adds a rows x cols parameter filled with {@code value}. */
  public Param add(String name, int rows, int cols, double value) {
    Tensor.checkShape("ParamStore.add(" + name + ")", rows, cols);
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    java.util.Arrays.fill(m.data, value);
    return add(name, m);
  }

  /** Adds every parameter of {@code other} under {@code prefix + "." + name}; shares the objects. */
  public void include(String prefix, ParamStore other) {
    for (Param p : other.ordered) {
      String name = prefix.isEmpty() ? p.name() : prefix + "." + p.name();
      if (byName.containsKey(name)) {
        throw new IllegalArgumentException("ParamStore: a parameter named '" + name + "' exists already");
      }
      byName.put(name, p);
      ordered.add(p);
    }
  }

  /** The parameter with this name; an unknown name lists the known ones. */
  public Param get(String name) {
    Param p = byName.get(name);
    if (p == null) {
      throw new IllegalArgumentException("ParamStore: no parameter named '" + name + "'; known: "
          + byName.keySet());
    }
    return p;
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** Names in insertion order. */
  public Set<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }

  /** Parameters in insertion order. */
  public List<Param> params() {
    return view;
  }

  @Override
  public java.util.Iterator<Param> iterator() {
    return params().iterator();
  }

  public int size() {
    return ordered.size();
  }

  public boolean isEmpty() {
    return ordered.isEmpty();
  }

  /** Total number of scalar values over all parameters. */
  public int totalLength() {
    int n = 0;
    for (Param p : ordered) {
      n += p.size();
    }
    return n;
  }

  /** Sets every gradient to zero. */
  public void zeroGrad() {
    for (int i = 0; i < ordered.size(); i++) {
      ordered.get(i).zeroGrad();
    }
  }

  /**
   * Copies all values, in order, into {@code out} (of length at least {@link #totalLength()}).
   *
   * @param out destination. Modified.
   */
  public void copyValuesTo(double[] out) {
    int k = 0;
    for (int i = 0; i < ordered.size(); i++) {
      Param p = ordered.get(i);
      int n = p.size();
      System.arraycopy(p.value.data, 0, out, k, n);
      k += n;
    }
  }

  /**
   * Overwrites all values, in order, from {@code in}.
   *
   * @param in source of length at least {@link #totalLength()}. Not modified.
   */
  public void copyValuesFrom(double[] in) {
    int k = 0;
    for (int i = 0; i < ordered.size(); i++) {
      Param p = ordered.get(i);
      int n = p.size();
      System.arraycopy(in, k, p.value.data, 0, n);
      k += n;
    }
  }

  // ------------------------------------------------------------------ persistence

  /** Writes every parameter to {@code file} atomically (a temporary file, then a rename). */
  public void save(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp)) {
        write(os);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes every parameter to a stream (not closed). */
  public void write(OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os));
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeInt(ordered.size());
    for (Param p : ordered) {
      out.writeUTF(p.name());
      out.writeInt(p.rows());
      out.writeInt(p.cols());
      double[] d = p.value.data;
      for (int i = 0, n = p.size(); i < n; i++) {
        out.writeLong(Double.doubleToRawLongBits(d[i]));
      }
    }
    out.flush();
  }

  /**
   * Restores the values saved by {@link #save}. The file must hold exactly this store's names with
   * the same shapes; otherwise an {@link IllegalArgumentException} names the first mismatch and
   * nothing is changed.
   */
  public void restore(Path file) throws IOException {
    try (InputStream is = Files.newInputStream(file)) {
      read(is, file.toString());
    }
  }

  /** Restores from a stream written by {@link #write}; {@code source} names it in messages. */
  public void read(InputStream is, String source) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(is));
    List<double[]> values = new ArrayList<>(ordered.size());
    try {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException(source + ": not a vi4j parameter file");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException(source + ": parameter file format " + version
            + ", this vi4j reads format " + FORMAT_VERSION);
      }
      int count = in.readInt();
      if (count != ordered.size()) {
        throw new IllegalArgumentException(source + ": holds " + count + " parameters, the store has "
            + ordered.size() + " " + byName.keySet());
      }
      for (int k = 0; k < count; k++) {
        String name = in.readUTF();
        int rows = in.readInt();
        int cols = in.readInt();
        Param p = ordered.get(k);
        if (!p.name().equals(name)) {
          throw new IllegalArgumentException(source + ": parameter " + k + " is '" + name
              + "' in the file but '" + p.name() + "' in the store");
        }
        if (rows != p.rows() || cols != p.cols()) {
          throw new IllegalArgumentException(source + ": parameter '" + name + "' is " + rows + "x"
              + cols + " in the file but " + p.shape() + " in the store");
        }
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.longBitsToDouble(in.readLong());
        }
        values.add(v);
      }
    } catch (EOFException e) {
      throw new IllegalArgumentException(source + ": parameter file is truncated", e);
    }
    for (int k = 0; k < values.size(); k++) {
      double[] v = values.get(k);
      System.arraycopy(v, 0, ordered.get(k).value.data, 0, v.length);
    }
  }
}
