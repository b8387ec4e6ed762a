package org.vi4j.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vi4j.core.testing.Vi4jTestBase;

/**
 * The {@code lda} report through the command line: the demo's pipeline ({@code lda / lda /
 * closed-form / cavi}) by plugin names on a smaller generated corpus (the full demo corpus takes
 * several seconds per iteration on a loaded machine; {@code DemosTest} builds that one), and
 * {@code svi} with minibatches. Each writes the summary with topics, held-out perplexity and
 * recovery, the topics picture and the document–topic proportions.
 */
class LdaDemoTest extends Vi4jTestBase {

  @TempDir
  Path tmp;

  private static final String[] SMALL = {"--set", "model.k=6", "--set", "model.vocabulary=300",
      "--set", "model.documents=600", "--set", "model.held-out=100", "--set", "model.doc-length=60"};

  private Cli.Result run(Path out, String optimizer, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("run", "--model", "lda", "--guide", "lda",
        "--estimator", "closed-form", "--optimizer", optimizer, "--quiet", "--out",
        out.toString()));
    args.addAll(List.of(SMALL));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  @SuppressWarnings("unchecked")
  void ldaReportHasTopicsPerplexityAndPictures() throws Exception {
    Path out = tmp.resolve("lda");
    Cli.Result r = run(out, "cavi", "--steps", "20");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    for (String f : List.of("summary.json", "trace.csv", "elbo_trace.png", "topics.png",
        "doc_topics.csv")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    Map<String, Object> pipeline = (Map<String, Object>) s.get("pipeline");
    assertEquals(List.of("lda", "lda", "closed-form", "cavi"), List.of(pipeline.get("model"),
        pipeline.get("guide"), pipeline.get("estimator"), pipeline.get("optimizer")));
    Map<String, Object> post = (Map<String, Object>) s.get("posterior");
    assertEquals("lda", post.get("kind"));
    List<Object> topics = (List<Object>) post.get("topics");
    assertEquals(6, topics.size());
    Map<String, Object> t0 = (Map<String, Object>) topics.get(0);
    assertEquals(10, ((List<Object>) t0.get("top_words")).size());
    Map<String, Object> ppl = (Map<String, Object>) post.get("completion_perplexity");
    double truth = ((Number) ppl.get("true_topics")).doubleValue();
    double run = ((Number) ppl.get("this_run")).doubleValue();
    assertTrue(run > 0.98 * truth && run < 1.1 * truth, ppl.toString());
    double rec = ((Number) ((Map<String, Object>) post.get("topic_recovery")).get("mean_cosine"))
        .doubleValue();
    assertTrue(rec > 0.9 && rec <= 1, "recovery " + rec);
    double elbo = ((Number) ((Map<String, Object>) s.get("elbo")).get("value")).doubleValue();
    assertEquals(((Number) post.get("closed_form_elbo")).doubleValue(), elbo, 1e-6 * Math.abs(elbo));
    List<String> csv = Files.readAllLines(out.resolve("doc_topics.csv"));
    assertEquals(601, csv.size());
    assertTrue(csv.get(0).startsWith("document,topic_0,topic_1"), csv.get(0));
    assertEquals(7, csv.get(1).split(",").length);
  }

  @Test
  @SuppressWarnings("unchecked")
  void sviRunsByNameOnMinibatches() throws Exception {
    Path out = tmp.resolve("svi");
    Cli.Result r = run(out, "svi", "--steps", "60", "--set", "run.batch-size=100",
        "--set", "optimizer.kappa=0.6", "--set", "optimizer.tau0=1");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    Map<String, Object> options = (Map<String, Object>) ((Map<String, Object>) s.get("pipeline"))
        .get("options");
    assertEquals(0.6, ((Number) options.get("optimizer.kappa")).doubleValue());
    assertEquals(100, ((Number) options.get("run.batch-size")).intValue());
    Map<String, Object> post = (Map<String, Object>) s.get("posterior");
    double rec = ((Number) ((Map<String, Object>) post.get("topic_recovery")).get("mean_cosine"))
        .doubleValue();
    assertTrue(rec > 0.7, "recovery " + rec);            // 10 epochs; quality: LdaAcceptanceTest
    assertEquals(60, Files.readAllLines(out.resolve("trace.csv")).size() - 1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aUciCorpusFromFilesIsFittedAndScoredOnItsHeldOutShare() throws Exception {
    org.vi4j.models.lda.SyntheticCorpus gen = org.vi4j.models.lda.SyntheticCorpus.generate(
        new org.vi4j.models.lda.SyntheticCorpus.Spec(6, 300, 600, 0, 60, 0.1, 0.01), 5);
    Path docword = tmp.resolve("docword.small.txt");
    Path vocab = tmp.resolve("vocab.small.txt");
    org.vi4j.core.data.UciBagOfWords.write(gen.train(), docword, vocab);
    Path out = tmp.resolve("files");
    Cli.Result r = Cli.run("run", "--model", "lda", "--guide", "lda", "--estimator", "closed-form",
        "--optimizer", "cavi", "--quiet", "--out", out.toString(), "--steps", "20",
        "--set", "model.k=6", "--set", "model.data=" + docword, "--set", "model.vocab=" + vocab,
        "--set", "model.held-out-fraction=0.2");
    assertEquals(ExitCodes.OK, r.code(), r.all());
    Map<String, Object> s = JSON.std.mapFrom(Files.readString(out.resolve("summary.json")));
    Map<String, Object> post = (Map<String, Object>) s.get("posterior");
    assertEquals(480, ((Number) post.get("documents")).intValue());
    Map<String, Object> ppl = (Map<String, Object>) post.get("completion_perplexity");
    assertEquals(120, ((Number) ppl.get("documents")).intValue());
    double run = ((Number) ppl.get("this_run")).doubleValue();
    assertTrue(run > 1 && run < 300, ppl.toString());     // below V = 300: better than uniform
    assertTrue(!ppl.containsKey("true_topics") && !post.containsKey("topic_recovery"), ppl.toString());
    List<String> csv = Files.readAllLines(out.resolve("doc_topics.csv"));
    assertEquals(481, csv.size());
  }

  @Test
  void aBadCorpusFileIsAnErrorNamingFileAndLine() throws Exception {
    Path docword = tmp.resolve("docword.bad.txt");
    Files.writeString(docword, "2\n3\n2\n1 1 4\n2 7 1\n");
    Cli.Result r = Cli.run("run", "--model", "lda", "--guide", "lda", "--estimator", "closed-form",
        "--optimizer", "cavi", "--quiet", "--out", tmp.resolve("bad").toString(), "--steps", "2",
        "--set", "model.data=" + docword, "--set", "model.held-out-fraction=0");
    assertTrue(r.code() != ExitCodes.OK, r.all());
    assertTrue(r.all().contains("docword.bad.txt") && r.all().contains("line 5"), r.all());
    assertTrue(!Files.exists(tmp.resolve("bad").resolve("summary.json")), "nothing written");
  }
}
