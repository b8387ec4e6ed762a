package org.vi4j.models.lda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vi4j.core.data.Corpus;
import org.vi4j.core.math.SpecialFunctions;
import org.vi4j.core.random.Rng;
import org.vi4j.core.testing.Vi4jTestBase;

class DocumentInferenceTest extends Vi4jTestBase {

  /** The SIMD kernels and the plain loops give the same bits (the suite runs with the module). */
  @Test
  void simdAndPlainLoopsAgreeBitForBit() {
    assertTrue(DocumentInference.VECTOR, "the tests run with --add-modules jdk.incubator.vector");
    SyntheticCorpus s = SyntheticCorpus.generate(new SyntheticCorpus.Spec(13, 90, 60, 0, 70, 0.1,
        0.05), 4);
    LdaGuide q = new LdaGuide(LdaModel.of(s), Rng.seeded(2));
    double[] w = LdaEvaluation.wordMajor(LdaEvaluation.expElogTopics(q.topicConcentrations()), 90);
    DocumentInference simd = new DocumentInference(13, 0.1, 100, 1e-3, true);
    DocumentInference plain = new DocumentInference(13, 0.1, 100, 1e-3, false);
    Corpus c = s.train();
    for (int d = 0; d < c.documents(); d++) {
      simd.fit(c, d, w);
      plain.fit(c, d, w);
      assertArrayEquals(plain.gamma(), simd.gamma(), 0.0, "document " + d);
      assertEquals(plain.iterations(), simd.iterations());
      assertEquals(plain.wordTerm(), simd.wordTerm(), 0.0);
      int n = c.end(d) - c.start(d);
      assertArrayEquals(Arrays.copyOf(plain.ratio(), n), Arrays.copyOf(simd.ratio(), n), 0.0);
    }
  }

  /** exp ψ and ψ of the inner loop agree with the 1e-14 digamma to 2e-12. */
  @Test
  void fastDigammaIsAccurate() {
    double worstExp = 0;
    double worst = 0;
    for (double x = 1e-3; x < 1e9; x *= 1.003) {
      double exact = SpecialFunctions.digamma(x);
      worst = Math.max(worst, Math.abs(DocumentInference.digamma(x) - exact)
          / Math.max(1, Math.abs(exact)));
      if (exact > -700) {
        worstExp = Math.max(worstExp,
            Math.abs(DocumentInference.expDigamma(x) / Math.exp(exact) - 1));
      }
    }
    assertTrue(worst < 2e-12, "ψ: worst error " + worst);
    assertTrue(worstExp < 2e-12, "exp ψ: worst relative error " + worstExp);
  }

  /** An empty document has γ = α and no word terms. */
  @Test
  void emptyDocument() {
    Corpus.Builder b = Corpus.builder(5);
    b.add(new int[] {}, new int[] {});
    DocumentInference di = new DocumentInference(3, 0.4);
    di.fit(b.build(), 0, new double[15]);
    assertArrayEquals(new double[] {0.4, 0.4, 0.4}, di.gamma(), 0.0);
    assertEquals(0.0, di.wordTerm());
    assertEquals(0, di.iterations());
  }
}
