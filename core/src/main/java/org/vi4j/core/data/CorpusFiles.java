package org.vi4j.core.data;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Shared plumbing of the corpus loaders: a strict UTF-8 line reader over plain or gzipped files
 * (gzip detected by its magic bytes, like {@link CsvMatrix}), field splitting, integer parsing,
 * the one-word-per-line vocabulary format, and writing a file through a temporary sibling so a
 * failed write leaves the target untouched.
 */
final class CorpusFiles {

  private CorpusFiles() {}

  /**
   * Reads lines of a file, counting them (1-based) for messages. Lines end at {@code \n},
   * {@code \r\n} or {@code \r}; each is decoded on its own, strictly, so invalid UTF-8 is
   * reported at its line.
   */
  static final class Lines implements Closeable {

    final String source;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private int lineNo;

    private Lines(String source, InputStream in) {
      this.source = source;
      this.in = in;
    }

    /** Opens {@code file}, through gzip when it starts with the gzip magic bytes. */
    static Lines open(Path file) throws IOException {
      InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      try {
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new Lines(file.toString(), in);
      } catch (ZipException | EOFException e) {
        raw.close();
        throw new IllegalArgumentException(file + ": corrupt gzip stream (" + e.getMessage() + ")",
            e);
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    }

    private boolean fill() throws IOException {
      try {
        limit = in.read(buf);
      } catch (ZipException | EOFException e) {
        throw new IllegalArgumentException(source + ": corrupt or truncated gzip stream after line "
            + lineNo + " (" + e.getMessage() + ")", e);
      }
      pos = 0;
      if (limit < 0) {
        limit = 0;
        return false;
      }
      return true;
    }

    /** The next line (a leading byte-order mark dropped), or null at the end. */
    String next() throws IOException {
      int n = 0;
      boolean high = false;
      boolean any = false;
      while (true) {
        if (pos == limit && !fill()) {
          if (!any) {
            return null;
          }
          break;
        }
        any = true;
        byte b = buf[pos++];
        if (b == '\n') {
          break;
        }
        if (b == '\r') {
          if (pos == limit) {
            fill();
          }
          if (pos < limit && buf[pos] == '\n') {
            pos++;
          }
          break;
        }
        if (n == line.length) {
          line = Arrays.copyOf(line, 2 * n);
        }
        line[n++] = b;
        high |= b < 0;
      }
      lineNo++;
      String s;
      if (!high) {
        s = new String(line, 0, n, StandardCharsets.ISO_8859_1);   // ASCII: the same text
      } else {
        try {
          s = decoder.reset().decode(ByteBuffer.wrap(line, 0, n)).toString();
        } catch (CharacterCodingException e) {
          throw error("not valid UTF-8 text");
        }
      }
      if (lineNo == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
        s = s.substring(1);
      }
      return s;
    }

    /** The 1-based number of the line last returned. */
    int lineNo() {
      return lineNo;
    }

    /** An error at the line last returned: {@code "<file>: line N: <message>"}. */
    IllegalArgumentException error(String message) {
      return new IllegalArgumentException(source + ": line " + lineNo + ": " + message);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * Splits {@code s} into at most {@code out.length} fields, separated by runs of whitespace, or
   * (when {@code commas}) by one comma with optional whitespace around it. Returns the number of
   * fields, {@code out.length + 1} if there are more, or −1 if a field is empty (two commas in a
   * row, or a leading or trailing comma).
   */
  static int split(String s, boolean commas, String[] out) {
    int n = 0;
    int i = 0;
    int len = s.length();
    while (i < len && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i == len) {
      return 0;
    }
    while (true) {
      int start = i;
      while (i < len && !Character.isWhitespace(s.charAt(i)) && !(commas && s.charAt(i) == ',')) {
        i++;
      }
      if (i == start) {
        return -1;
      }
      if (n == out.length) {
        return out.length + 1;
      }
      out[n++] = s.substring(start, i);
      int seps = 0;
      while (i < len && (Character.isWhitespace(s.charAt(i)) || commas && s.charAt(i) == ',')) {
        if (s.charAt(i) == ',') {
          seps++;
        }
        i++;
      }
      if (seps > 1 || seps == 1 && i == len) {
        return -1;
      }
      if (i == len) {
        return n;
      }
    }
  }

  /**
   * The value of an unsigned decimal integer written with ASCII digits only; {@link Long#MAX_VALUE}
   * if it has more than 18 digits; −1 if {@code t} is not such an integer.
   */
  static long digits(String t) {
    if (t.isEmpty()) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = 10 * v + (c - '0');
    }
    return t.length() > 18 ? Long.MAX_VALUE : v;
  }

  /** Why {@code t}, which is not an unsigned integer, was refused. */
  private static String notUnsigned(String t) {
    if (t.matches("-[0-9]+")) {
      return "is negative";
    }
    if (t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return "is not an integer";
    }
    return "is not a number";
  }

  /** Parses a count field: a positive integer up to 2³¹ − 1. */
  static int count(Lines in, String t) {
    long v = digits(t);
    if (v >= 1 && v <= Integer.MAX_VALUE) {
      return (int) v;
    }
    String why = v == 0 ? "is zero" : v > 0 ? "is too large (at most " + Integer.MAX_VALUE + ")"
        : notUnsigned(t);
    return fail(in, "count '" + t + "' " + why + "; expected a positive integer (1, 2, 3, …)");
  }

  /**
   * Parses an id field: an unsigned integer in {@code [min, max]}; {@code what} names the field
   * and {@code range} describes the accepted range in messages.
   */
  static int id(Lines in, String t, String what, long min, long max, String range) {
    long v = digits(t);
    if (v >= min && v <= max) {
      return (int) v;
    }
    if (v < 0) {
      return fail(in, what + " '" + t + "' " + notUnsigned(t) + "; expected an integer in "
          + range);
    }
    return fail(in, what + " " + t + " is outside " + range);
  }

  private static int fail(Lines in, String message) {
    throw in.error(message);
  }

  /**
   * Reads a vocabulary: one word per line, surrounding whitespace stripped; blank lines at the
   * end are ignored, a blank line before a word is an error.
   */
  static List<String> readVocabulary(Path file) throws IOException {
    List<String> words = new ArrayList<>();
    try (Lines in = open(file)) {
      int blank = 0;
      String line;
      while ((line = in.next()) != null) {
        String w = line.strip();
        if (w.isEmpty()) {
          if (blank == 0) {
            blank = in.lineNo();
          }
          continue;
        }
        if (blank != 0) {
          throw new IllegalArgumentException(in.source + ": line " + blank + ": blank line before "
              + "the word '" + w + "' of line " + in.lineNo()
              + "; expected one word per line (word id = line number − 1)");
        }
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException(file + ": the vocabulary file has no words; expected one "
          + "word per line");
    }
    return words;
  }

  private static Lines open(Path file) throws IOException {
    return Lines.open(file);
  }

  /**
   * Checks that every word can be written as one vocabulary line and read back as itself:
   * non-empty, no surrounding whitespace, no line break.
   */
  static void checkWritable(List<String> words) {
    for (int w = 0; w < words.size(); w++) {
      String s = words.get(w);
      if (s.isEmpty() || !s.equals(s.strip()) || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
          || w == 0 && s.charAt(0) == '\uFEFF') {
        throw new IllegalArgumentException("vocabulary: word " + w + " '" + s + "' cannot be "
            + "written one per line and read back (it is empty, has surrounding whitespace or a "
            + "line break)");
      }
    }
  }

  /** Writes a body of text into a file; may throw. */
  interface Body {
    void write(Writer out) throws IOException;
  }

  /**
   * Writes {@code body} to a temporary file beside {@code target} (gzipped when the target's name
   * ends in {@code .gz}) and returns it; {@link #commit} moves it into place. On failure the
   * temporary file is deleted and nothing else is touched.
   */
  static Path writeTemporary(Path target, Body body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp)) {
        OutputStream o = abs.getFileName().toString().endsWith(".gz")
            ? new GZIPOutputStream(os, 1 << 16) : os;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8),
            1 << 16)) {
          body.write(w);
        }
      }
      return tmp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Moves a file made by {@link #writeTemporary} onto {@code target}, atomically if possible. */
  static void commit(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes {@code words} one per line to {@code file} (see {@link #checkWritable}). */
  static void writeVocabulary(List<String> words, Path file) throws IOException {
    checkWritable(words);
    Path tmp = writeTemporary(file, out -> {
      for (String w : words) {
        out.write(w);
        out.write('\n');
      }
    });
    commit(tmp, file);
  }
}
