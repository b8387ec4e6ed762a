package org.vi4j.models.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vi4j.core.plugin.Options;
import org.vi4j.core.plugin.Plugins;
import org.vi4j.core.spi.Model;
import org.vi4j.core.spi.VariationalFamily;
import org.vi4j.core.testing.Vi4jTestBase;

class LdaProviderTest extends Vi4jTestBase {

  private final Plugins plugins = Plugins.load(getClass().getClassLoader());

  @Test
  void createsTheModelOnTheGeneratedCorpus() {
    Model m = plugins.createModel("lda", Options.of(Map.of("k", "3", "vocabulary", "30",
        "documents", "12", "held-out", "4", "doc-length", "10", "alpha", "0.5", "seed", "7")));
    LdaModel lda = assertInstanceOf(LdaModel.class, m);
    assertEquals(3, lda.topics());
    assertEquals(30, lda.vocabularySize());
    assertEquals(12, lda.documents());
    assertEquals(0.5, lda.alpha());
    assertEquals(0.01, lda.eta());
    SyntheticCorpus s = lda.synthetic().orElseThrow();
    assertEquals(7, s.seed());
    assertEquals(4, s.heldOut().documents());
    VariationalFamily q = plugins.createGuide("lda", m, Options.of(Map.of("seed", "3")));
    assertTrue(((LdaGuide) q).fits(lda));
  }

  @Test
  void defaultsAreTheIssueCorpus() {
    LdaProvider p = new LdaProvider();
    assertEquals(SyntheticCorpus.Spec.ISSUE.topics(), p.options().get(0).defaultValue());
    assertEquals(SyntheticCorpus.SEED, LdaProvider.SEED.defaultValue());
    assertEquals("lda", LdaGuideProvider.NAME);
  }

  @Test
  void refusesBadOptionsAndOtherModels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> plugins.createModel("lda", Options.of(Map.of("k", "1"))));
    assertTrue(e.getMessage().contains(">= 2"), e.getMessage());
    Model other = plugins.createModel("exp-gaussian", Options.empty());
    e = assertThrows(IllegalArgumentException.class,
        () -> plugins.createGuide("lda", other, Options.empty()));
    assertTrue(e.getMessage().contains("only for model 'lda'"), e.getMessage());
  }
}
