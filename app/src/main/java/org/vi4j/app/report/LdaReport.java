package org.vi4j.app.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vi4j.models.lda.LdaEvaluation;
import org.vi4j.models.lda.LdaGuide;
import org.vi4j.models.lda.LdaModel;
import org.vi4j.models.lda.SyntheticCorpus;

/**
 * The report of {@code lda} fitted with its own guide: the topics' top words with E_q[β] and the
 * share of the corpus's tokens each topic explains, the closed-form ELBO, and — on a synthetic
 * corpus — the completion perplexity of the held-out documents beside the true topics' and the
 * topic recovery (mean cosine of the Hungarian matching with the true topics). Files:
 * {@value #TOPICS_PNG} (top words with weights) and {@value #DOC_TOPICS_CSV} (E_q[θ_d] per training
 * document). Documented in docs/output.md.
 */
final class LdaReport implements ModelReport {

  /** The topics picture. */
  static final String TOPICS_PNG = "topics.png";
  /** The document–topic proportions. */
  static final String DOC_TOPICS_CSV = "doc_topics.csv";
  /** Top words per topic in the summary and the picture. */
  static final int TOP_WORDS = 10;

  private final RunContext ctx;
  private final LdaModel model;
  private final LdaGuide guide;
  private final Optional<SyntheticCorpus> truth;
  private Map<String, Object> posterior;
  private LdaEvaluation.Recovery recovery;

  LdaReport(RunContext ctx, LdaModel model, LdaGuide guide) {
    this.ctx = ctx;
    this.model = model;
    this.guide = guide;
    this.truth = model.synthetic();
  }

  /** Each topic's share of the tokens: Σ_d N_d E[θ_dk] / Σ_d N_d. */
  private double[] shares(double[][] theta) {
    double[] share = new double[model.topics()];
    double total = 0;
    for (int d = 0; d < theta.length; d++) {
      int n = model.corpus().length(d);
      total += n;
      for (int c = 0; c < share.length; c++) {
        share[c] += n * theta[d][c];
      }
    }
    for (int c = 0; c < share.length; c++) {
      share[c] /= total;
    }
    return share;
  }

  @Override
  public Map<String, Object> posterior() {
    if (posterior != null) {
      return posterior;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", LdaModel.NAME);
    m.put("k", model.topics());
    m.put("vocabulary", model.vocabularySize());
    m.put("documents", model.documents());
    m.put("tokens", model.corpus().tokens());
    m.put("alpha", model.alpha());
    m.put("eta", model.eta());
    m.put("data", truth.map(s -> (Object) ("synthetic corpus, seed " + s.seed() + ", "
        + s.spec())).orElse("the model's corpus (no true topics)"));
    m.put("closed_form_elbo", model.elbo(guide));
    double[][] beta = guide.topicMeans();
    double[] share = shares(guide.documentTopics());
    int[][] top = LdaEvaluation.topWords(beta, TOP_WORDS);
    if (truth.isPresent()) {
      recovery = LdaEvaluation.topicRecovery(beta, truth.get().topics());
    }
    int[] trueOf = trueTopicOf();
    List<Object> topics = new ArrayList<>();
    for (int c = 0; c < model.topics(); c++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("topic", c);
      t.put("token_share", share[c]);
      List<Object> words = new ArrayList<>();
      for (int w : top[c]) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("word", model.corpus().word(w));
        e.put("probability", beta[c][w]);
        words.add(e);
      }
      t.put("top_words", words);
      if (trueOf != null && trueOf[c] >= 0) {
        t.put("true_topic", trueOf[c]);
        t.put("cosine_to_true", recovery.cosines()[trueOf[c]]);
      }
      topics.add(t);
    }
    m.put("topics", topics);
    m.put("topics_note", "E_q[beta_k] = lambda_k / sum(lambda_k); token_share = sum_d N_d "
        + "E_q[theta_dk] / sum_d N_d; document-topic proportions E_q[theta_d] in "
        + DOC_TOPICS_CSV);
    model.heldOutCompletion().ifPresent(c -> {
      Map<String, Object> ho = new LinkedHashMap<>();
      ho.put("documents", c.observed().documents());
      ho.put("scored_tokens", c.heldOut().tokens());
      double[][] lambda = guide.topicConcentrations();
      ho.put("this_run", LdaEvaluation.completionPerplexity(c.observed(), c.heldOut(),
          LdaEvaluation.expElogTopics(lambda), beta, model.alpha()));
      truth.ifPresent(s -> ho.put("true_topics", s.trueCompletionPerplexity()));
      ho.put("method", "theta inferred from half of each held-out document's tokens, the other "
          + "half scored: exp(-mean log sum_k theta_dk beta_kw)");
      m.put("completion_perplexity", ho);
    });
    truth.ifPresent(s -> {
      Map<String, Object> rec = new LinkedHashMap<>();
      rec.put("mean_cosine", recovery.meanCosine());
      rec.put("method", "cosine of each true topic with its fitted match; one-to-one matching "
          + "maximising the total (Hungarian)");
      m.put("topic_recovery", rec);
    });
    posterior = m;
    return m;
  }

  /** trueOf[fitted] = the true topic matched with it, or −1; null without a truth. */
  private int[] trueTopicOf() {
    if (recovery == null) {
      return null;
    }
    int[] trueOf = new int[model.topics()];
    java.util.Arrays.fill(trueOf, -1);
    int[] match = recovery.match();
    for (int t = 0; t < match.length; t++) {
      trueOf[match[t]] = t;
    }
    return trueOf;
  }

  @Override
  public List<Path> pictures(Path dir) throws IOException {
    Map<String, Object> post = posterior();
    double[][] beta = guide.topicMeans();
    double[][] theta = guide.documentTopics();
    double[] share = shares(theta);
    int[][] top = LdaEvaluation.topWords(beta, TOP_WORDS);
    int[] trueOf = trueTopicOf();
    Integer[] order = new Integer[model.topics()];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(share[b], share[a]));
    List<TopicImages.Panel> panels = new ArrayList<>();
    for (int c : order) {
      List<String> words = new ArrayList<>();
      double[] p = new double[top[c].length];
      for (int i = 0; i < top[c].length; i++) {
        words.add(model.corpus().word(top[c][i]));
        p[i] = beta[c][top[c][i]];
      }
      String note = trueOf != null && trueOf[c] >= 0 ? String.format(Locale.ROOT,
          "matches true topic %d (cosine %.3f)", trueOf[c], recovery.cosines()[trueOf[c]]) : "";
      panels.add(new TopicImages.Panel(String.format(Locale.ROOT, "topic %d · %.1f%% of tokens",
          c, 100 * share[c]), note, words, p));
    }
    String second = String.format(Locale.ROOT, "%d documents, V = %d, alpha = %s, eta = %s; "
        + "top %d words with E_q[beta], panels by share of tokens", model.documents(),
        model.vocabularySize(), model.alpha(), model.eta(), TOP_WORDS);
    if (post.get("completion_perplexity") instanceof Map<?, ?> ho) {
      second += String.format(Locale.ROOT, "; held-out completion perplexity %.1f",
          (Double) ho.get("this_run"));
      if (ho.get("true_topics") instanceof Double t) {
        second += String.format(Locale.ROOT, " (true topics %.1f)", t);
      }
    }
    if (post.get("topic_recovery") instanceof Map<?, ?> rec) {
      second += String.format(Locale.ROOT, ", recovery %.3f", (Double) rec.get("mean_cosine"));
    }
    Path png = dir.resolve(TOPICS_PNG);
    TopicImages.draw(png, "LDA topics, K = " + model.topics() + " — " + ctx.spec().optimizer()
        + ", " + ctx.fit().steps() + " steps\n" + second, panels);
    Path csv = dir.resolve(DOC_TOPICS_CSV);
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder("document");
      for (int c = 0; c < model.topics(); c++) {
        line.append(",topic_").append(c);
      }
      w.write(line.append('\n').toString());
      for (int d = 0; d < theta.length; d++) {
        line.setLength(0);
        line.append(d);
        for (double v : theta[d]) {
          line.append(',').append(v);
        }
        w.write(line.append('\n').toString());
      }
    }
    return List.of(png, csv);
  }
}
