package org.vi4j.core.data;

import java.util.Arrays;
import java.util.Objects;
import org.vi4j.core.random.Rng;

/**
 * Seeded splits of a {@link Corpus} for evaluating topic models: whole documents held out, and
 * "document completion" (each document's tokens split into an observed part and a part to
 * predict; Wallach et al., "Evaluation Methods for Topic Models", ICML 2009).
 *
 * <pre>{@code
 * CorpusSplits.Split s = CorpusSplits.trainHeldOut(corpus, 0.1, 7);   // 10% of documents held out
 * fit(s.train());
 * CorpusSplits.Completion c = CorpusSplits.documentCompletion(s.heldOut(), 7);
 * // infer each held-out document's topic proportions from c.observed(),
 * // then score the log-likelihood of c.heldOut()'s tokens per token
 * }</pre>
 *
 * <p><strong>Deterministic.</strong> The same corpus and seed give the same split on every run
 * and platform ({@link Rng#seeded(long)}). Both parts keep the vocabulary of the corpus, so word
 * ids mean the same in all of them; nothing is dropped: the parts add up to the corpus.
 */
public final class CorpusSplits {

  private CorpusSplits() {}

  /**
   * Documents split into a training and a held-out corpus.
   *
   * @param train the training documents, in their original order
   * @param heldOut the held-out documents, in their original order
   * @param trainDocs the original index of each training document (ascending)
   * @param heldOutDocs the original index of each held-out document (ascending)
   */
  public record Split(Corpus train, Corpus heldOut, int[] trainDocs, int[] heldOutDocs) {

    /** Copies the index arrays. */
    public Split {
      trainDocs = trainDocs.clone();
      heldOutDocs = heldOutDocs.clone();
    }

    /** A copy of the training documents' original indices. */
    @Override
    public int[] trainDocs() {
      return trainDocs.clone();
    }

    /** A copy of the held-out documents' original indices. */
    @Override
    public int[] heldOutDocs() {
      return heldOutDocs.clone();
    }
  }

  /**
   * Each document's tokens in two parts over the same documents and vocabulary:
   * {@code observed.length(d) + heldOut.length(d)} is the corpus's {@code length(d)}.
   *
   * @param observed the part to condition on (the "first half")
   * @param heldOut the part to predict (the "second half")
   */
  public record Completion(Corpus observed, Corpus heldOut) {

    /** Checks that both parts have the same documents and vocabulary size. */
    public Completion {
      if (observed.documents() != heldOut.documents()
          || observed.vocabularySize() != heldOut.vocabularySize()) {
        throw new IllegalArgumentException("CorpusSplits.Completion: the parts differ: " + observed
            + " and " + heldOut);
      }
    }
  }

  /**
   * Holds out {@code round(heldOutFraction × D)} documents chosen uniformly at random (a seeded
   * Fisher–Yates shuffle); both parts keep the original order of their documents.
   *
   * @throws IllegalArgumentException unless the fraction is in (0, 1) and both parts get at least
   *     one document
   */
  public static Split trainHeldOut(Corpus corpus, double heldOutFraction, long seed) {
    Objects.requireNonNull(corpus, "corpus");
    int d = corpus.documents();
    if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
      throw new IllegalArgumentException("CorpusSplits.trainHeldOut: the held-out fraction must be "
          + "in (0, 1), got " + heldOutFraction);
    }
    long h = Math.round(heldOutFraction * d);
    if (h < 1 || h > d - 1) {
      throw new IllegalArgumentException("CorpusSplits.trainHeldOut: " + heldOutFraction + " × "
          + d + " documents rounds to " + h + " held out; both parts need at least one document");
    }
    int[] perm = new int[d];
    Arrays.setAll(perm, i -> i);
    Rng rng = Rng.seeded(seed);
    for (int i = d - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] held = Arrays.copyOfRange(perm, 0, (int) h);
    int[] train = Arrays.copyOfRange(perm, (int) h, d);
    Arrays.sort(held);
    Arrays.sort(train);
    return new Split(corpus.subset(train), corpus.subset(held), train, held);
  }

  /** {@link #documentCompletion(Corpus, double, long)} with half of each document observed. */
  public static Completion documentCompletion(Corpus corpus, long seed) {
    return documentCompletion(corpus, 0.5, seed);
  }

  /**
   * Splits each document's n tokens: a bag of words has no order, so the tokens are put in a
   * seeded random order and the first {@code floor(observedFraction × n)} are observed, the rest
   * held out. Documents are processed in order from one generator seeded with {@code seed}.
   *
   * @throws IllegalArgumentException unless {@code observedFraction} is in (0, 1)
   */
  public static Completion documentCompletion(Corpus corpus, double observedFraction, long seed) {
    Objects.requireNonNull(corpus, "corpus");
    if (!(observedFraction > 0 && observedFraction < 1)) {
      throw new IllegalArgumentException("CorpusSplits.documentCompletion: the observed fraction "
          + "must be in (0, 1), got " + observedFraction);
    }
    Corpus.Builder observed = Corpus.builder(corpus.vocabulary());
    Corpus.Builder heldOut = Corpus.builder(corpus.vocabulary());
    Rng rng = Rng.seeded(seed);
    int[] tokens = new int[16];
    for (int doc = 0; doc < corpus.documents(); doc++) {
      int n = corpus.length(doc);
      if (n > tokens.length) {
        tokens = new int[Math.max(n, 2 * tokens.length)];
      }
      int k = 0;
      for (int j = corpus.start(doc); j < corpus.end(doc); j++) {
        for (int c = 0; c < corpus.count(j); c++) {
          tokens[k++] = corpus.wordId(j);
        }
      }
      int m = (int) Math.floor(observedFraction * n);
      for (int i = 0; i < m; i++) {                 // partial Fisher–Yates: the first m positions
        int j = i + rng.nextInt(n - i);
        int t = tokens[i];
        tokens[i] = tokens[j];
        tokens[j] = t;
      }
      observed.addTokens(Arrays.copyOfRange(tokens, 0, m));
      heldOut.addTokens(Arrays.copyOfRange(tokens, m, n));
    }
    return new Completion(observed.build(), heldOut.build());
  }
}
