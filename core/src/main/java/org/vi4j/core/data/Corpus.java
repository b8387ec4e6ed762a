package org.vi4j.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.vi4j.core.autodiff.Tensor;

/**
 * A bag-of-words corpus: D documents over a vocabulary of V words, each document a sparse list of
 * (word id, count) pairs. Stored compressed by row (CSR): document d's entries are positions
 * {@code start(d)} to {@code end(d) − 1}, word ids strictly increasing, counts positive integers.
 * Immutable.
 *
 * <pre>{@code
 * Corpus.Builder b = Corpus.builder(vocabulary);
 * b.add(new int[] {3, 17}, new int[] {2, 1});      // document 0: word 3 twice, word 17 once
 * Corpus corpus = b.build();
 * for (int d = 0; d < corpus.documents(); d++) {
 *   for (int j = corpus.start(d); j < corpus.end(d); j++) {
 *     use(corpus.wordId(j), corpus.count(j));
 *   }
 * }
 * Tensor counts = corpus.denseCounts(new int[] {0, 5, 9});   // 3 x V, for a network's input
 * }</pre>
 *
 * <p><strong>Contract.</strong> Every word id is in {@code [0, V)}, every count ≥ 1, and no word
 * appears twice in one document (the builder merges repeats by adding their counts). A document
 * may be empty. Loaders ({@code UciBagOfWords}, {@code TripleCorpus}, {@code TextFolder}) produce
 * this type; models that keep their own data index it by {@link org.vi4j.core.spi.Batch#row(int)}.
 */
public final class Corpus {

  private final int[] docStart;
  private final int[] wordIds;
  private final int[] counts;
  private final List<String> vocabulary;

  private Corpus(int[] docStart, int[] wordIds, int[] counts, List<String> vocabulary) {
    this.docStart = docStart;
    this.wordIds = wordIds;
    this.counts = counts;
    this.vocabulary = vocabulary;
  }

  /** A builder over {@code vocabulary} (V = its size; the words need not be distinct). */
  public static Builder builder(List<String> vocabulary) {
    return new Builder(vocabulary);
  }

  /** A builder over V words named {@code w0 … w(V−1)}. */
  public static Builder builder(int vocabularySize) {
    if (vocabularySize < 1) {
      throw new IllegalArgumentException("Corpus: vocabulary size must be ≥ 1, got " + vocabularySize);
    }
    List<String> names = new ArrayList<>(vocabularySize);
    for (int w = 0; w < vocabularySize; w++) {
      names.add("w" + w);
    }
    return new Builder(names);
  }

  /** D, the number of documents. */
  public int documents() {
    return docStart.length - 1;
  }

  /** V, the vocabulary size. */
  public int vocabularySize() {
    return vocabulary.size();
  }

  /** The words, by id (unmodifiable). */
  public List<String> vocabulary() {
    return vocabulary;
  }

  /** The word with id {@code w}. */
  public String word(int w) {
    return vocabulary.get(w);
  }

  /** The number of (document, word) entries over the whole corpus. */
  public int nonZeros() {
    return wordIds.length;
  }

  /** Position of document {@code d}'s first entry. */
  public int start(int d) {
    return docStart[d];
  }

  /** One past the position of document {@code d}'s last entry. */
  public int end(int d) {
    return docStart[d + 1];
  }

  /** The word id of entry {@code j}. */
  public int wordId(int j) {
    return wordIds[j];
  }

  /** The count of entry {@code j} (≥ 1). */
  public int count(int j) {
    return counts[j];
  }

  /** The number of tokens of document {@code d} (the sum of its counts). */
  public int length(int d) {
    int n = 0;
    for (int j = docStart[d]; j < docStart[d + 1]; j++) {
      n += counts[j];
    }
    return n;
  }

  /** The number of tokens in the whole corpus. */
  public long tokens() {
    long n = 0;
    for (int c : counts) {
      n += c;
    }
    return n;
  }

  /** A corpus of the documents {@code docs} of this one, in that order, over the same vocabulary. */
  public Corpus subset(int[] docs) {
    Builder b = new Builder(vocabulary);
    for (int d : docs) {
      Objects.checkIndex(d, documents());
      b.add(Arrays.copyOfRange(wordIds, docStart[d], docStart[d + 1]),
          Arrays.copyOfRange(counts, docStart[d], docStart[d + 1]));
    }
    return b.build();
  }

  /** The documents {@code docs} as a dense {@code docs.length x V} tensor of counts (a constant). */
  public Tensor denseCounts(int[] docs) {
    int v = vocabularySize();
    double[] out = new double[docs.length * v];
    for (int i = 0; i < docs.length; i++) {
      int d = Objects.checkIndex(docs[i], documents());
      for (int j = docStart[d]; j < docStart[d + 1]; j++) {
        out[i * v + wordIds[j]] = counts[j];
      }
    }
    return Tensor.constant(new DMatrixRMaj(docs.length, v, true, out));
  }

  /** The whole corpus as a dense {@code D x V} tensor of counts. */
  public Tensor denseCounts() {
    int[] all = new int[documents()];
    Arrays.setAll(all, i -> i);
    return denseCounts(all);
  }

  @Override
  public String toString() {
    return "Corpus[" + documents() + " documents, " + vocabularySize() + " words, " + tokens()
        + " tokens]";
  }

  /**
   * Collects documents in order. Word ids are checked against V; repeated ids within one
   * document are merged (counts added); zero counts are dropped; negative counts are refused.
   */
  public static final class Builder {

    private final List<String> vocabulary;
    private int[] docStart = new int[16];
    private int[] wordIds = new int[64];
    private int[] counts = new int[64];
    private int docs;
    private int nnz;

    private Builder(List<String> vocabulary) {
      Objects.requireNonNull(vocabulary, "Corpus: vocabulary must not be null");
      if (vocabulary.isEmpty()) {
        throw new IllegalArgumentException("Corpus: the vocabulary is empty");
      }
      this.vocabulary = Collections.unmodifiableList(new ArrayList<>(vocabulary));
    }

    /** V. */
    public int vocabularySize() {
      return vocabulary.size();
    }

    /** The number of documents added so far. */
    public int documents() {
      return docs;
    }

    /**
     * Appends a document: {@code ids[i]} occurs {@code counts[i]} times (ids in any order).
     *
     * @throws IllegalArgumentException on an id outside [0, V), a negative count or arrays of
     *     different lengths; nothing is added then
     */
    public Builder add(int[] ids, int[] cnts) {
      if (ids.length != cnts.length) {
        throw new IllegalArgumentException("Corpus: " + ids.length + " word ids but " + cnts.length
            + " counts");
      }
      int v = vocabulary.size();
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] < 0 || ids[i] >= v) {
          throw new IllegalArgumentException("Corpus: word id " + ids[i] + " is outside [0, " + v
              + ")");
        }
        if (cnts[i] < 0) {
          throw new IllegalArgumentException("Corpus: negative count " + cnts[i] + " for word id "
              + ids[i]);
        }
      }
      long[] packed = new long[ids.length];
      for (int i = 0; i < ids.length; i++) {
        packed[i] = ((long) ids[i] << 32) | i;
      }
      Arrays.sort(packed);
      ensure(nnz + ids.length);
      int start = nnz;
      for (long p : packed) {
        int id = (int) (p >>> 32);
        int c = cnts[(int) p];
        if (c == 0) {
          continue;
        }
        if (nnz > start && wordIds[nnz - 1] == id) {
          counts[nnz - 1] = Math.addExact(counts[nnz - 1], c);
        } else {
          wordIds[nnz] = id;
          counts[nnz] = c;
          nnz++;
        }
      }
      if (docs + 2 > docStart.length) {
        docStart = Arrays.copyOf(docStart, 2 * docStart.length);
      }
      docs++;
      docStart[docs] = nnz;
      return this;
    }

    /** Appends a document given as a list of tokens (word ids, repeats allowed). */
    public Builder addTokens(int[] tokens) {
      int[] ones = new int[tokens.length];
      Arrays.fill(ones, 1);
      return add(tokens, ones);
    }

    private void ensure(int n) {
      if (n > wordIds.length) {
        int cap = Math.max(n, 2 * wordIds.length);
        wordIds = Arrays.copyOf(wordIds, cap);
        counts = Arrays.copyOf(counts, cap);
      }
    }

    /** The corpus of the documents added so far. */
    public Corpus build() {
      return new Corpus(Arrays.copyOf(docStart, docs + 1), Arrays.copyOf(wordIds, nnz),
          Arrays.copyOf(counts, nnz), vocabulary);
    }
  }
}
