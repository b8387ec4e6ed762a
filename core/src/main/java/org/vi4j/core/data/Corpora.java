package org.vi4j.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a {@link Corpus} in a format named by a string, so a model option can choose the loader.
 *
 * <pre>{@code
 * Corpus kos = Corpora.read("uci", Path.of("docword.kos.txt.gz"), Path.of("vocab.kos.txt"));
 * Corpus tri = Corpora.read("triples", Path.of("counts.csv"), null);
 * Corpus txt = Corpora.read("text", Path.of("abstracts"), null);     // builds the vocabulary
 * Corpus same = Corpora.read("text", Path.of("held-out"), Path.of("vocab.txt"));  // fixed one
 * }</pre>
 *
 * <p><strong>Formats</strong> ({@link #FORMATS}, matched ignoring case):
 * {@code uci} — {@link UciBagOfWords}, {@code data} the docword file, {@code vocab} the vocab
 * file or null; {@code triples} — {@link TripleCorpus}, {@code data} the triples file,
 * {@code vocab} or null; {@code text} — {@link TextFolder}, {@code data} the folder; with
 * {@code vocab} null the vocabulary is built from the text (with the given or default
 * {@link TextFolder.Options}), otherwise the words of {@code vocab} are the fixed vocabulary. An
 * unknown format is an {@link IllegalArgumentException} listing the accepted ones.
 */
public final class Corpora {

  /** The accepted format names. */
  public static final List<String> FORMATS = List.of("uci", "triples", "text");

  private Corpora() {}

  /** Reads {@code data} in {@code format}, with {@link TextFolder.Options#defaults()} for text. */
  public static Corpus read(String format, Path data, Path vocab) throws IOException {
    return read(format, data, vocab, TextFolder.Options.defaults());
  }

  /**
   * Reads {@code data} in {@code format}; {@code textOptions} applies to the {@code text} format
   * (its fixed vocabulary replaced by {@code vocab}'s words when {@code vocab} is given).
   *
   * @throws IllegalArgumentException on an unknown format or bad input (naming file and line)
   * @throws IOException if a file cannot be read
   */
  public static Corpus read(String format, Path data, Path vocab, TextFolder.Options textOptions)
      throws IOException {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(data, "data");
    switch (format.strip().toLowerCase(Locale.ROOT)) {
      case "uci":
        return UciBagOfWords.read(data, vocab);
      case "triples":
        return TripleCorpus.read(data, vocab);
      case "text":
        TextFolder.Options o = vocab == null ? textOptions
            : textOptions.withVocabulary(readVocabulary(vocab));
        return TextFolder.read(data, o).corpus();
      default:
        throw new IllegalArgumentException("unknown corpus format '" + format + "'; accepted: "
            + String.join(", ", FORMATS));
    }
  }

  /**
   * Reads a vocabulary file: one word per line (word id = line number − 1), surrounding whitespace
   * stripped, blank lines at the end ignored; plain or gzipped.
   *
   * @throws IllegalArgumentException if the file has no words or a blank line before a word
   */
  public static List<String> readVocabulary(Path file) throws IOException {
    return CorpusFiles.readVocabulary(file);
  }
}
