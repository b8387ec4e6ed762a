package org.vi4j.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.inference.FitResult;
import org.vi4j.core.inference.Inference;
import org.vi4j.core.random.Rng;
import org.vi4j.core.spi.Optimizer;
import org.vi4j.estimators.closedform.ClosedFormEstimator;
import org.vi4j.models.lda.LdaEvaluation;
import org.vi4j.models.lda.LdaGuide;
import org.vi4j.models.lda.LdaModel;
import org.vi4j.models.lda.SyntheticCorpus;
import org.vi4j.optimizers.cavi.Cavi;
import org.vi4j.optimizers.svi.Svi;

/**
 * Issue 7's side-by-side LDA comparison, vi4j half: generates the seeded synthetic corpus
 * ({@link SyntheticCorpus#issue()}: K = 20, V = 2,000, 5,000 training and 500 held-out documents of
 * 100 tokens, α = 0.1, η = 0.01), writes it for {@code bench/lda/compare_sklearn.py} (UCI
 * bag-of-words files, the true topics, the spec), then times vi4j's fits and scores each by
 * completion perplexity and topic recovery ({@link LdaEvaluation}) beside the true topics':
 * <ul>
 *   <li>{@code cavi}, 10 iterations on all documents (batch variational EM; scikit-learn's
 *       {@code learning_method='batch', max_iter=10}), on 1 and on 2 threads;
 *   <li>{@code svi} on minibatches (τ0, κ, batch size and steps from the arguments; by default
 *       60 steps of 256 documents, about 3 passes, τ0 = 1, κ = 0.6), on 1 and 2 threads.
 * </ul>
 * Each configuration runs {@code repeats} times, alternating, after one untimed warm-up round (JIT);
 * repeat r starts the guide (and the loop) from seed {@code first-seed + r}. Times are the wall time
 * of {@link Inference#run()}
 * (including the per-step ELBO and the final closed-form ELBO), not counting the scoring.
 *
 * <pre>
 * java -cp ... org.vi4j.bench.LdaComparison [out-dir=bench/lda/data] [repeats=3]
 *     [svi-batch=256] [svi-steps=60] [svi-tau0=1] [svi-kappa=0.6] [first-seed=0]
 * /usr/bin/python3 bench/lda/compare_sklearn.py bench/lda/data
 * </pre>
 */
public final class LdaComparison {

  private LdaComparison() {
  }

  /** One fit's scores. */
  record Outcome(double seconds, double perplexity, double recovery, double elbo) {}

  /** A configuration to time. */
  record Config(String name, int threads, boolean svi) {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/lda/data");
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int sviBatch = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    int sviSteps = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    double tau0 = args.length > 4 ? Double.parseDouble(args[4]) : 1;
    double kappa = args.length > 5 ? Double.parseDouble(args[5]) : 0.6;
    long firstSeed = args.length > 6 ? Long.parseLong(args[6]) : 0;

    SyntheticCorpus s = SyntheticCorpus.issue();
    double truePpl = s.trueCompletionPerplexity();
    write(out, s, truePpl);
    System.out.printf(Locale.ROOT, "synthetic corpus %s: %s, %d held out; written to %s%n",
        s.spec(), s.train(), s.heldOut().documents(), out);
    System.out.printf(Locale.ROOT, "true topics: completion perplexity %.2f%n", truePpl);

    String sviName = String.format(Locale.ROOT, "svi, %d steps of %d, tau0 %s, kappa %s",
        sviSteps, sviBatch, tau0, kappa);
    List<Config> configs = List.of(new Config("cavi, 10 iterations, 1 thread", 1, false),
        new Config("cavi, 10 iterations, 2 threads", 2, false),
        new Config(sviName + ", 1 thread", 1, true),
        new Config(sviName + ", 2 threads", 2, true));
    for (Config c : configs) {
      run(s, c, 0, sviBatch, sviSteps, tau0, kappa);                       // warm-up, untimed
    }
    Map<Config, List<Outcome>> results = new LinkedHashMap<>();
    configs.forEach(c -> results.put(c, new ArrayList<>()));
    System.out.printf(Locale.ROOT, "%-52s %8s %11s %9s %16s   (load average at start %.2f)%n",
        "fit", "seconds", "perplexity", "recovery", "final ELBO", loadAverage());
    for (int rep = 0; rep < repeats; rep++) {
      for (Config c : configs) {
        Outcome o = run(s, c, firstSeed + rep, sviBatch, sviSteps, tau0, kappa);
        results.get(c).add(o);
        System.out.printf(Locale.ROOT, "  seed %d: %-43s %8.2f %11.2f %9.4f %16.1f%n",
            firstSeed + rep, c.name(),
            o.seconds(), o.perplexity(), o.recovery(), o.elbo());
      }
    }
    System.out.printf(Locale.ROOT, "medians of %d runs (load average now %.2f):%n", repeats,
        loadAverage());
    for (Config c : configs) {
      List<Outcome> r = results.get(c);
      System.out.printf(Locale.ROOT, "%-52s %8.2f %11.2f %9.4f %16.1f%n", c.name(),
          median(r.stream().mapToDouble(Outcome::seconds).toArray()),
          median(r.stream().mapToDouble(Outcome::perplexity).toArray()),
          median(r.stream().mapToDouble(Outcome::recovery).toArray()),
          median(r.stream().mapToDouble(Outcome::elbo).toArray()));
    }
  }

  static Outcome run(SyntheticCorpus s, Config c, long seed, int batch, int steps, double tau0,
      double kappa) {
    LdaModel model = LdaModel.of(s);
    LdaGuide guide = new LdaGuide(model, Rng.seeded(seed));
    Optimizer opt = c.svi() ? new Svi(tau0, kappa, c.threads()) : new Cavi(1.0, c.threads());
    Inference.Builder b = Inference.builder().model(model).guide(guide)
        .estimator(new ClosedFormEstimator()).optimizer(opt).seed(seed)
        .stopAfterSteps(c.svi() ? steps : 10).logEverySeconds(Double.POSITIVE_INFINITY);
    if (c.svi()) {
      b.batchSize(batch);
    }
    long t0 = System.nanoTime();
    FitResult fit = b.build().run();
    double sec = (System.nanoTime() - t0) * 1e-9;
    double[][] lambda = guide.topicConcentrations();
    double[][] mean = LdaEvaluation.meanTopics(lambda);
    double ppl = LdaEvaluation.completionPerplexity(s.heldOutObserved(), s.heldOutScored(),
        LdaEvaluation.expElogTopics(lambda), mean, model.alpha());
    double rec = LdaEvaluation.topicRecovery(mean, s.topics()).meanCosine();
    return new Outcome(sec, ppl, rec, fit.elbo().value());
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
  }

  static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
  }

  /** The corpus as UCI docword files, the true topics as CSV, the spec as key=value lines. */
  static void write(Path dir, SyntheticCorpus s, double truePpl) {
    try {
      Files.createDirectories(dir);
      docword(dir.resolve("train.docword.txt"), s.train());
      docword(dir.resolve("heldout_observed.docword.txt"), s.heldOutObserved());
      docword(dir.resolve("heldout_scored.docword.txt"), s.heldOutScored());
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("true_topics.csv"),
          StandardCharsets.UTF_8))) {
        for (double[] row : s.topics()) {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < row.length; i++) {
            line.append(i == 0 ? "" : ",").append(row[i]);
          }
          w.println(line);
        }
      }
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("spec.txt"),
          StandardCharsets.UTF_8))) {
        SyntheticCorpus.Spec p = s.spec();
        w.printf(Locale.ROOT, "k=%d%nv=%d%nalpha=%s%neta=%s%nseed=%d%ntrue_perplexity=%.2f%n",
            p.topics(), p.vocabulary(), p.alpha(), p.eta(), s.seed(), truePpl);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the corpus to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** UCI bag-of-words: D, V, NNZ, then "doc word count" lines, 1-based. */
  static void docword(Path file, Corpus c) throws IOException {
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      w.println(c.documents());
      w.println(c.vocabularySize());
      w.println(c.nonZeros());
      for (int d = 0; d < c.documents(); d++) {
        for (int j = c.start(d); j < c.end(d); j++) {
          w.print(d + 1);
          w.print(' ');
          w.print(c.wordId(j) + 1);
          w.print(' ');
          w.println(c.count(j));
        }
      }
    }
  }
}
